package main

import (
	"bufio"
	"context"
	"os"
	"os/exec"
	"regexp"
	"runtime"
	"strconv"
	"strings"
)

// machine describes where the numbers were measured.
type machine struct {
	CPU        string `json:"cpu"`
	Cores      int    `json:"cores"`
	MemoryMiB  int64  `json:"memory_mib"`
	Kernel     string `json:"kernel"`
	Go         string `json:"go"`
	Scorebook  string `json:"scorebook"`
	Hugo       string `json:"hugo,omitempty"`
	HugoShort  string `json:"-"`
	GOMAXPROCS int    `json:"gomaxprocs"`
	// LoadStart and LoadEnd are /proc/loadavg's 1, 5 and 15 minute
	// averages when the run started and ended: other work on the machine
	// inflates every wall time.
	LoadStart string `json:"load_start"`
	LoadEnd   string `json:"load_end"`
}

// loadAvg returns the three load averages of /proc/loadavg.
func loadAvg() string {
	data, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return ""
	}
	f := strings.Fields(string(data))
	if len(f) < 3 {
		return ""
	}
	return strings.Join(f[:3], " ")
}

// loaded reports whether the machine was busier than its cores at either
// end of the run.
func (m machine) loaded() bool {
	for _, l := range []string{m.LoadStart, m.LoadEnd} {
		if f := strings.Fields(l); len(f) > 0 {
			if v, err := strconv.ParseFloat(f[0], 64); err == nil && v > float64(m.Cores) {
				return true
			}
		}
	}
	return false
}

func describeMachine(ctx context.Context, scorebook, hugo string) machine {
	m := machine{Cores: runtime.NumCPU(), Go: runtime.Version(), GOMAXPROCS: runtime.GOMAXPROCS(0), LoadStart: loadAvg()}
	m.CPU = procField("/proc/cpuinfo", "model name")
	if kb, err := strconv.ParseInt(strings.Fields(procField("/proc/meminfo", "MemTotal") + " 0")[0], 10, 64); err == nil {
		m.MemoryMiB = kb / 1024
	}
	if data, err := os.ReadFile("/proc/sys/kernel/osrelease"); err == nil {
		m.Kernel = strings.TrimSpace(string(data))
	}
	if out, err := exec.CommandContext(ctx, scorebook, "version").Output(); err == nil {
		m.Scorebook = firstLine(string(out))
	}
	if hugo != "" {
		if out, err := exec.CommandContext(ctx, hugo, "version").Output(); err == nil {
			m.Hugo = firstLine(string(out))
			m.HugoShort = regexp.MustCompile(`v\d+\.\d+(\.\d+)?`).FindString(m.Hugo)
		}
	}
	return m
}

// procField returns the value of the first "name : value" line of a
// /proc file.
func procField(path, name string) string {
	f, err := os.Open(path)
	if err != nil {
		return ""
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		k, v, ok := strings.Cut(sc.Text(), ":")
		if ok && strings.TrimSpace(k) == name {
			return strings.TrimSpace(v)
		}
	}
	return ""
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(strings.TrimSpace(s), "\n")
	return s
}
