package build

import (
	"strings"

	"scorebook/generator/internal/render"
)

// sectionList is the pages of one section in reading order, with each
// page's place in it, for lists, the side menu and previous/next links.
type sectionList struct {
	links []render.Link
	pos   map[string]int // URL → index in links
}

// sectionLists returns every section's pages, computed once per build.
func (s *site) sectionLists() map[string]*sectionList {
	s.sectionsOnce.Do(func() {
		s.lists = map[string]*sectionList{"": s.listOf(s.pagesOf(""))}
		for _, sec := range s.tree.Sections() {
			s.lists[sec.Name] = s.listOf(s.pagesOf(sec.Name))
		}
		for _, name := range []string{"dimensions", "patterns", "checks"} {
			if _, ok := s.lists[name]; !ok {
				s.lists[name] = s.listOf(s.pagesOf(name))
			}
		}
	})
	return s.lists
}

func (s *site) listOf(links []render.Link) *sectionList {
	l := &sectionList{links: links, pos: make(map[string]int, len(links))}
	for i, link := range links {
		l.pos[link.URL] = i
	}
	return l
}

// pagesOf lists a section's pages. The model's sections list the model's
// dimensions, patterns or checks in model order, with the title and
// description of the playbook's page where it has one, followed by the
// section's other pages; other sections list their pages in tree order.
func (s *site) pagesOf(name string) []render.Link {
	var links []render.Link
	var ids [][2]string // id, name, summary come from the model
	switch name {
	case "dimensions":
		for _, d := range s.m.Dimensions {
			ids = append(ids, [2]string{d.ID, d.Name}, [2]string{d.Summary})
		}
	case "patterns":
		for _, p := range s.m.Patterns {
			ids = append(ids, [2]string{p.ID, p.Name}, [2]string{p.Summary})
		}
	case "checks":
		for _, c := range s.m.Checks {
			ids = append(ids, [2]string{c.ID, c.Name}, [2]string{c.Summary})
		}
	}
	listed := map[string]bool{}
	for i := 0; i < len(ids); i += 2 {
		url := "/" + name + "/" + ids[i][0] + "/"
		link := render.Link{Title: ids[i][1], URL: url, Description: ids[i+1][0]}
		if p := s.tree.ByURL(url); p != nil {
			link.Title = p.Title
			if p.Description != "" {
				link.Description = p.Description
			}
		}
		listed[url] = true
		links = append(links, link)
	}
	for _, p := range s.tree.Children(name) {
		if !listed[p.URL] {
			links = append(links, render.Link{Title: p.Title, URL: p.URL, Description: p.Description})
		}
	}
	return links
}

// sectionName returns the section a URL belongs to: its first segment.
func sectionName(url string) string {
	name, _, _ := strings.Cut(strings.TrimPrefix(url, "/"), "/")
	return name
}

// children lists the pages a section or home page shows.
func (s *site) children(url string) []render.Link {
	if url == "/" {
		return s.menuLinks()
	}
	if l := s.sectionLists()[sectionName(url)]; l != nil {
		return l.links
	}
	return nil
}

// sectionPages lists the pages of the section holding url for the side
// menu; nothing for the home page or a section too large to list on every
// page.
func (s *site) sectionPages(url string) []render.Link {
	l := s.sectionLists()[sectionName(url)]
	if l == nil || sectionName(url) == "" || len(l.links) > maxSideMenu {
		return nil
	}
	return l.links
}

// maxSideMenu is the most pages of one section the side menu lists; a
// larger section is reached through its own page.
const maxSideMenu = 60

// neighbours returns the pages before and after url in its section.
func (s *site) neighbours(url string) (prev, next *render.Link) {
	l := s.sectionLists()[sectionName(url)]
	if l == nil {
		return nil, nil
	}
	i, ok := l.pos[url]
	if !ok {
		return nil, nil
	}
	if i > 0 {
		p := l.links[i-1]
		prev = &p
	}
	if i+1 < len(l.links) {
		n := l.links[i+1]
		next = &n
	}
	return prev, next
}
