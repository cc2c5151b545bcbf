package eval

import (
	"path/filepath"
	"strings"
	"testing"
)

func TestFloorsValidate(t *testing.T) {
	for _, tt := range []struct {
		f   Floors
		msg string
	}{
		{Floors{"trust": 0.9, "micro": 0.8, "events": 0.5, "events_date_only": 0.6, "relative_dates": 1}, ""},
		{Floors{"trusts": 0.9}, `unknown floor "trusts"`},
		{Floors{"trust": -0.1}, "from 0 to 1"},
		{Floors{"trust": 90}, "from 0 to 1"},
	} {
		err := tt.f.Validate()
		if (tt.msg == "") != (err == nil) || err != nil && !strings.Contains(err.Error(), tt.msg) {
			t.Errorf("%v.Validate() = %v; want %q", tt.f, err, tt.msg)
		}
	}
	if _, err := ReadFloors(filepath.Join("testdata", "floors.json")); err != nil {
		t.Errorf("testdata/floors.json: %v", err)
	}
}

func TestFloorsCheck(t *testing.T) {
	s := &Scores{
		Entities: EntityScores{
			Types:         map[string]TypeScore{"trust": {PRF: PRF{F1: 0.9}}, "org": {PRF: PRF{F1: 0.5}}},
			Micro:         PRF{F1: 0.7},
			RelativeDates: RelativeRecall{Recall: 0.25},
		},
		Events: &EventScores{Strict: PRF{F1: 0.6}, DateOnly: PRF{F1: 0.8}},
	}
	f := Floors{"trust": 0.9, "org": 0.6, "micro": 0.7, "relative_dates": 0.3, "events": 0.5, "events_date_only": 0.9, "date": 0}
	var got []string
	for _, c := range f.Check(s) {
		got = append(got, c.String())
	}
	want := []string{
		"trust F1 0.9000 >= floor 0.9000",
		"org F1 0.5000 < floor 0.6000",
		"date F1 0.0000 >= floor 0.0000",
		"micro F1 0.7000 >= floor 0.7000",
		"relative_dates recall 0.2500 < floor 0.3000",
		"events F1 0.6000 >= floor 0.5000",
		"events_date_only F1 0.8000 < floor 0.9000",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("Check =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if n := len(Failed(f.Check(s))); n != 3 {
		t.Errorf("Failed = %d checks; want 3", n)
	}
	noEvents := Floors{"events": 0}.Check(&Scores{})
	if len(noEvents) != 1 || noEvents[0].OK || !strings.Contains(noEvents[0].String(), "no events scored") {
		t.Errorf("events floor without events = %+v; want a failure saying no events were scored", noEvents)
	}
}
