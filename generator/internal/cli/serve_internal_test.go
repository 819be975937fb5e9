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
