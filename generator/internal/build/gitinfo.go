package build

import (
	"context"

	"scorebook/generator/internal/diag"
	"scorebook/generator/internal/gitrev"
	"scorebook/generator/internal/render"
)

// gitInfo is the last commit that changed each assessment file, read from
// git when site.toml sets git_info, and kept while HEAD stays the same
// commit: the history up to HEAD cannot change under it.
type gitInfo struct {
	head    string                   // the commit HEAD was at when read
	commits map[string]render.Commit // by assessment path
}

// commits returns the last commit of every assessment file, or nil when
// git info is off. Outside a git work tree (a tarball of the site, say)
// the scorecards show no commit and the build says why in a warning.
func (e *Engine) commits(ctx context.Context, warnings *diag.List) map[string]render.Commit {
	if e.in.site == nil || !e.in.site.GitInfo {
		e.git = nil
		return nil
	}
	repo, err := gitrev.Open(ctx, e.opts.Src)
	var head string
	if err == nil {
		head, err = repo.Head(ctx)
	}
	if err != nil {
		e.git = nil
		warnings.Warn("site.toml", 0, 0, "git_info is set, but the commits of the assessments cannot be read, so scorecards show none: %v", err)
		return nil
	}
	if e.git != nil && e.git.head == head {
		return e.git.commits
	}
	last, err := repo.LastCommits(ctx, assessmentsDir)
	if err != nil {
		e.git = nil
		warnings.Warn("site.toml", 0, 0, "git_info is set, but the commits of the assessments cannot be read, so scorecards show none: %v", err)
		return nil
	}
	commits := make(map[string]render.Commit, len(last))
	for path, c := range last {
		commits[path] = render.Commit{Hash: c.Hash, Short: c.Short(), Date: c.Date, Subject: c.Subject}
	}
	e.git = &gitInfo{head: head, commits: commits}
	return commits
}

// noHead stands, in the cache, for git info that was asked for but could
// not be read (no repository, or one without a commit yet): a first
// commit changes no source file, but does change what the scorecards show.
const noHead = "none"

// gitHead is the commit the last build's git info was read at, for the
// cache: a build is up to date only at the same commit. It is "" when
// git info is off, noHead when it is on but could not be read.
func (e *Engine) gitHead() string {
	switch {
	case e.in.site == nil || !e.in.site.GitInfo:
		return ""
	case e.git == nil || e.git.head == "":
		return noHead
	}
	return e.git.head
}

// currentHead is the commit HEAD is at now, or noHead when it cannot be
// read.
func (e *Engine) currentHead() string {
	repo, err := gitrev.Open(context.Background(), e.opts.Src)
	if err != nil {
		return noHead
	}
	head, err := repo.Head(context.Background())
	if err != nil || head == "" {
		return noHead
	}
	return head
}
