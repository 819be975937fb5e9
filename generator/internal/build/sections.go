package build

import (
	"strings"

	"scorebook/generator/internal/model"
	"scorebook/generator/internal/render"
)

// sectionList is the pages of one section in reading order, with each
// page's place in it, for lists, the side menu and previous/next links.
type sectionList struct {
	links []render.Link
	pos   map[string]int // URL → index in links
}

func listOf(links []render.Link) *sectionList {
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
func (o *outline) pagesOf(name string, m *model.Model) []render.Link {
	var links []render.Link
	var ids [][2]string // id, name, summary come from the model
	switch name {
	case "dimensions":
		for _, d := range m.Dimensions {
			ids = append(ids, [2]string{d.ID, d.Name}, [2]string{d.Summary})
		}
	case "patterns":
		for _, p := range m.Patterns {
			ids = append(ids, [2]string{p.ID, p.Name}, [2]string{p.Summary})
		}
	case "checks":
		for _, c := range m.Checks {
			ids = append(ids, [2]string{c.ID, c.Name}, [2]string{c.Summary})
		}
	}
	listed := map[string]bool{}
	for i := 0; i < len(ids); i += 2 {
		url := "/" + name + "/" + ids[i][0] + "/"
		link := render.Link{Title: ids[i][1], URL: url, Description: ids[i+1][0]}
		if p := o.tree.ByURL(url); p != nil {
			link.Title = p.Title
			if p.Description != "" {
				link.Description = p.Description
			}
		}
		listed[url] = true
		links = append(links, link)
	}
	for _, p := range o.tree.Children(name) {
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
		return s.menuLinks
	}
	if l := s.lists[sectionName(url)]; l != nil {
		return l.links
	}
	return nil
}

// sectionPages lists the pages of the section holding url for the side
// menu; nothing for the home page or a section too large to list on every
// page.
func (s *site) sectionPages(url string) []render.Link {
	l := s.lists[sectionName(url)]
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
	l := s.lists[sectionName(url)]
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
