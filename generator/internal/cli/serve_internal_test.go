package cli

import "testing"

func TestServeAllowHost_RefusesWhatIsNoHostName(t *testing.T) {
	var l hostList
	for _, ok := range []string{"playbook.internal", "playbook.internal:8080", "[::1]:9000"} {
		if err := l.Set(ok); err != nil {
			t.Errorf("Set(%q): %v", ok, err)
		}
	}
	for _, bad := range []string{"", "  ", "http://evil.example/", "a b"} {
		if err := l.Set(bad); err == nil {
			t.Errorf("Set(%q) accepted", bad)
		}
	}
	if got := l.String(); got != "playbook.internal,playbook.internal:8080,[::1]:9000" {
		t.Errorf("names = %q", got)
	}
}

func TestIdleCollection_OnlyWhenTheNextRebuildWouldMeetOne(t *testing.T) {
	const mib = 1 << 20
	tests := []struct {
		name                    string
		heap, goal, lastRebuild uint64
		want                    bool
	}{
		{"a small edit on a big heap", 600 * mib, 1200 * mib, 20 * mib, false},
		{"a full build", 900 * mib, 1200 * mib, 4000 * mib, true},
		{"close to the goal", 1170 * mib, 1200 * mib, 20 * mib, true},
		{"exactly twice the last rebuild left", 1160 * mib, 1200 * mib, 20 * mib, true},
		{"just more than that left", 1159 * mib, 1200 * mib, 20 * mib, false},
	}
	for _, tt := range tests {
		if got := collectNow(tt.heap, tt.goal, tt.lastRebuild); got != tt.want {
			t.Errorf("%s: collectNow = %v, want %v", tt.name, got, tt.want)
		}
	}
}
