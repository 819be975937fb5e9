# scorebook: `make serve` to work on the playbook, `make test` before you push.
GO      ?= go
BIN     := bin/scorebook
ADDR    ?= 127.0.0.1:1313
FUZZTIME ?= 30s
EDITS   ?= 300
PKGS    := ./generator/...

.PHONY: all build site serve test check bench fuzz vet fmt clean

all: build

build: ## Build the scorebook binary.
	$(GO) build -o $(BIN) ./generator

site: build ## Build the shipped playbook into public/.
	$(BIN) build

serve: build ## Build the playbook, serve it on $(ADDR), rebuild and reload on every change.
	$(BIN) serve -addr $(ADDR)

check: build ## Validate site.toml, the content and every assessment.
	$(BIN) check

test: ## Vet, check formatting, and run every test (browser tests need chromium).
	@unformatted=$$(gofmt -l generator); if [ -n "$$unformatted" ]; then echo "gofmt needed:"; echo "$$unformatted"; exit 1; fi
	$(GO) vet $(PKGS)
	$(GO) test -count=1 -timeout 20m $(PKGS)

bench: ## Compare build speed and memory with Hugo on the same pages.
	$(GO) run ./generator/tools/bench

fuzz: ## Run every fuzz target for FUZZTIME each, and a random sequence of EDITS site edits.
	$(GO) test -run='^$$' -fuzz='^FuzzAssessment$$' -fuzztime=$(FUZZTIME) -fuzzminimizetime=5s ./generator/internal/assessment
	$(GO) test -run='^$$' -fuzz='^FuzzSiteConfig$$' -fuzztime=$(FUZZTIME) -fuzzminimizetime=5s ./generator/internal/config
	$(GO) test -run='^$$' -fuzz='^FuzzFrontMatter$$' -fuzztime=$(FUZZTIME) -fuzzminimizetime=5s ./generator/internal/content
	$(GO) test -run='^$$' -fuzz='^FuzzMarkdown$$' -fuzztime=$(FUZZTIME) -fuzzminimizetime=5s ./generator/internal/markdown
	$(GO) test -run='^$$' -fuzz='^FuzzScore$$' -fuzztime=$(FUZZTIME) -fuzzminimizetime=5s ./generator/internal/score
	$(GO) test -run='^$$' -fuzz='^FuzzCharts$$' -fuzztime=$(FUZZTIME) -fuzzminimizetime=5s ./generator/internal/chart
	$(GO) test -run='^$$' -fuzz='^FuzzServePath$$' -fuzztime=$(FUZZTIME) -fuzzminimizetime=5s ./generator/internal/server
	$(GO) test -run='^$$' -fuzz='^FuzzExcerpt$$' -fuzztime=$(FUZZTIME) -fuzzminimizetime=5s ./generator/internal/server
	$(GO) test -run='^$$' -fuzz='^FuzzHostGuard$$' -fuzztime=$(FUZZTIME) -fuzzminimizetime=5s ./generator/internal/server
	$(GO) test -run='^$$' -fuzz='^FuzzEscape$$' -fuzztime=$(FUZZTIME) -fuzzminimizetime=5s ./generator/internal/scorediff
	SCOREBOOK_EDIT_SEED=$$(date +%s) SCOREBOOK_EDIT_COUNT=$(EDITS) $(GO) test -count=1 -timeout 60m -v -run='^TestEditSequence_Random$$' ./generator/internal/build

vet:
	$(GO) vet $(PKGS)

fmt:
	gofmt -w generator

clean: ## Remove the binary, the site, the previous site kept for the next build and the spare files of serve.
	rm -rf bin public .public.previous .public.spare
