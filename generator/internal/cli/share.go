package cli

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"

	"scorebook/generator/internal/build"
	"scorebook/generator/internal/fspath"
	"scorebook/generator/internal/routes"
	"scorebook/generator/internal/sealed"
)

// minPassphrase is the length under which a passphrase from the
// environment draws a warning: the file is only as safe as its passphrase.
const minPassphrase = 12

func runShare(ctx context.Context, args []string, env Env) error {
	fs := newFlags("share", "share <brand-slug> [-date YYYY-MM-DD] [-out FILE] [-src DIR] [-now YYYY-MM-DD]", env)
	date := fs.String("date", "", "the `date` of the assessment to share (default: the brand's current one)")
	out := fs.String("out", "", "the `file` to write (default: <slug>-scorecard.html, or <slug>-<date>-scorecard.html, in the current folder)")
	src := fs.String("src", ".", "the site's source `folder`")
	now := fs.String("now", "", "the build `date` the current assessment is judged as of (default: SOURCE_DATE_EPOCH, else today)")
	slug, err := brandArgs(fs, args, env)
	if err != nil {
		return err
	}
	if *date != "" {
		if _, err := dateFlag(fs, *date, env); err != nil {
			return err
		}
	}
	file := *out
	if file == "" {
		file = slug + "-scorecard.html"
		if *date != "" {
			file = slug + "-" + *date + "-scorecard.html"
		}
	}
	opts, err := buildOptions(*src, "", *now, "off", env)
	if err != nil {
		return err
	}
	if err := checkShareFile(*src, file); err != nil {
		return err
	}
	page, err := build.ShareHTML(ctx, opts, slug, *date)
	if err != nil {
		return reportFailure(env, err)
	}
	pass := env.Getenv("SCOREBOOK_SHARE_PASSPHRASE")
	generated := pass == ""
	if generated {
		if pass, err = sealed.NewPassphrase(); err != nil {
			return fmt.Errorf("make a passphrase: %w", err)
		}
	} else if n := len([]rune(pass)); n < minPassphrase {
		fmt.Fprintf(env.Stderr, "scorebook share: warning: SCOREBOOK_SHARE_PASSPHRASE has %d characters; the file is only as safe as its passphrase (unset it to have a strong one generated)\n", n)
	}
	sealedPage, err := sealed.Page(page, pass)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		return fmt.Errorf("create the folder of %s: %w", file, err)
	}
	if err := os.WriteFile(file, sealedPage, 0o644); err != nil {
		return fmt.Errorf("write %s: %w", file, err)
	}
	fmt.Fprintf(env.Stdout, "Wrote %s: the scorecard, encrypted (AES-256-GCM, key from the passphrase by PBKDF2-SHA-256).\n", file)
	if !generated {
		fmt.Fprintln(env.Stdout, "Passphrase: the one in SCOREBOOK_SHARE_PASSPHRASE.")
		return nil
	}
	fmt.Fprintf(env.Stdout, "Passphrase: %s\n", pass)
	fmt.Fprintln(env.Stdout, "It is shown only this once and kept nowhere: send it by another way than the file.")
	if abs, err := filepath.Abs(file); err == nil {
		u := url.URL{Scheme: "file", Path: filepath.ToSlash(abs), Fragment: "pass=" + pass} // String escapes it
		fmt.Fprintf(env.Stdout, "Opens at once: %s\n", u.String())
	}
	return nil
}

// checkShareFile refuses to write the share file over the site's own
// sources, into the git folder, or over a file that is not an earlier
// share file.
func checkShareFile(src, file string) error {
	absSrc, err := fspath.Real(src)
	if err != nil {
		return fmt.Errorf("resolve source folder: %w", err)
	}
	absFile, err := filepath.Abs(file)
	if err != nil {
		return fmt.Errorf("resolve -out: %w", err)
	}
	if dir, err := fspath.Real(filepath.Dir(absFile)); err == nil {
		absFile = filepath.Join(dir, filepath.Base(absFile))
	}
	for _, part := range append(append([]string{".git"}, routes.SourceDirs...), routes.ConfigFile) {
		if fspath.Within(filepath.Join(absSrc, part), absFile) {
			return fmt.Errorf("refusing to write %s: it is in the site's source (%s); choose another -out", file, part)
		}
	}
	fi, err := os.Stat(file)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return nil
	case err != nil:
		return fmt.Errorf("check -out: %w", err)
	case fi.IsDir():
		return fmt.Errorf("-out %s is a folder; give a file name", file)
	}
	data, err := os.ReadFile(file)
	if err != nil {
		return fmt.Errorf("check -out: %w", err)
	}
	if !sealed.IsPage(data) {
		return fmt.Errorf("refusing to replace %s: it is not a file scorebook share wrote; remove it or choose another -out", file)
	}
	return nil
}
