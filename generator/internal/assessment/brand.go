package assessment

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"

	"scorebook/generator/internal/diag"
	"scorebook/generator/internal/model"
)

// LoadBrand reads and validates every assessment of one brand, so that a
// rebuild after an edit rereads one brand folder rather than all of them.
// It returns nil without problems when the brand folder does not exist.
func LoadBrand(srcDir, slug string, m *model.Model, last *Decoded) (*Brand, diag.List) {
	defer last.done(m)
	var errs diag.List
	rel := Dir + "/" + slug
	if !ValidSlug(slug) {
		errs.Add(rel, 0, 0, "%s", slugMessage(slug))
		return nil, errs
	}
	root, err := realDir(srcDir)
	if err != nil {
		errs.Add(rel, 0, 0, "%v", err)
		return nil, errs
	}
	full := filepath.Join(srcDir, Dir, slug)
	info, err := os.Lstat(full)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		errs.Add(rel, 0, 0, "read brand folder: %v", err)
		return nil, errs
	}
	if info, ok := follow(root, full, rel, info, &errs); !ok {
		return nil, errs
	} else if !info.IsDir() {
		errs.Add(rel, 0, 0, "expected only brand folders (and a README.md) in assessments/, holding %s", layout)
		return nil, errs
	}
	var assessments []*Assessment
	for _, f := range findBrand(root, full, rel, slug, &errs) {
		a, ferrs := loadFile(srcDir, f.rel, m, last)
		errs = append(errs, ferrs...)
		if a != nil {
			assessments = append(assessments, a)
		}
	}
	brands, gerrs := Group(assessments)
	errs = append(errs, gerrs...)
	errs.Sort()
	if len(brands) == 0 {
		return nil, errs
	}
	return brands[0], errs
}
