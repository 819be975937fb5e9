// Command scorebook builds an integration-capability playbook and per-brand
// scorecards into a static site, serves it with live reload while you edit,
// and checks assessments in CI. Run `scorebook help` for the commands.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"scorebook/generator/internal/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	go func() {
		// A second Ctrl-C ends the process at once.
		<-ctx.Done()
		stop()
	}()
	err := cli.Run(ctx, os.Args[1:], cli.Env{Stdout: os.Stdout, Stderr: os.Stderr})
	stop()
	if err != nil && err != cli.ErrUsage && err != cli.ErrProblems && err != cli.ErrInterrupted {
		fmt.Fprintf(os.Stderr, "scorebook: %v\n", err)
	}
	os.Exit(cli.ExitCode(err))
}
