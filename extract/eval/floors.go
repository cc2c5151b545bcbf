package eval

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"slices"
	"strings"
)

// Floors are the lowest acceptable scores, by name: an entity type (its F1),
// "micro" (micro-F1), "events" (strict event F1), "events_date_only" and
// "relative_dates" (recall of relative dates). As JSON: {"trust": 0.9, ...}.
type Floors map[string]float64

// FloorNames lists the names a floor may have, in report order.
func FloorNames() []string {
	return append(slices.Clone(Types), "micro", "relative_dates", "events", "events_date_only")
}

// ReadFloors reads and checks a floors file.
func ReadFloors(path string) (Floors, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("floors: %w", err)
	}
	var f Floors
	if err := json.Unmarshal(b, &f); err != nil {
		return nil, fmt.Errorf("floors %s: %w (want {\"trust\": 0.9, \"events\": 0.7, ...})", path, err)
	}
	if err := f.Validate(); err != nil {
		return nil, fmt.Errorf("floors %s: %w", path, err)
	}
	return f, nil
}

// Validate checks that every name is known and every floor is in [0, 1].
func (f Floors) Validate() error {
	names := FloorNames()
	for k, v := range f {
		if !slices.Contains(names, k) {
			return fmt.Errorf("unknown floor %q: want one of %s", k, strings.Join(names, ", "))
		}
		if math.IsNaN(v) || v < 0 || v > 1 {
			return fmt.Errorf("floor %s = %v: want a number from 0 to 1", k, v)
		}
	}
	return nil
}

// FloorCheck is one floor compared with its score.
type FloorCheck struct {
	Name   string  `json:"name"`
	Metric string  `json:"metric"` // "f1" or "recall"
	Floor  float64 `json:"floor"`
	Got    float64 `json:"got"`
	OK     bool    `json:"ok"`
	Note   string  `json:"note,omitempty"` // why there is no score
}

// Check compares the scores with the floors, in FloorNames order. A floor
// on events fails when no events were scored.
func (f Floors) Check(s *Scores) []FloorCheck {
	var out []FloorCheck
	for _, name := range FloorNames() {
		floor, ok := f[name]
		if !ok {
			continue
		}
		c := FloorCheck{Name: name, Metric: "f1", Floor: floor}
		switch name {
		case "micro":
			c.Got = s.Entities.Micro.F1
		case "relative_dates":
			c.Metric, c.Got = "recall", s.Entities.RelativeDates.Recall
		case "events", "events_date_only":
			switch {
			case s.Events == nil:
				c.Note = "no events scored: the gold set has no events.jsonl"
			case name == "events":
				c.Got = s.Events.Strict.F1
			default:
				c.Got = s.Events.DateOnly.F1
			}
		default:
			c.Got = s.Entities.Types[name].F1
		}
		c.OK = c.Note == "" && c.Got >= floor
		out = append(out, c)
	}
	return out
}

// Failed returns the checks that failed.
func Failed(checks []FloorCheck) []FloorCheck {
	var out []FloorCheck
	for _, c := range checks {
		if !c.OK {
			out = append(out, c)
		}
	}
	return out
}

// String describes a check: "trust F1 0.8500 < floor 0.9000".
func (c FloorCheck) String() string {
	m := "F1"
	if c.Metric == "recall" {
		m = "recall"
	}
	rel := ">="
	if !c.OK {
		rel = "<"
	}
	if c.Note != "" {
		return fmt.Sprintf("%s %s: %s (floor %.4f)", c.Name, m, c.Note, c.Floor)
	}
	return fmt.Sprintf("%s %s %.4f %s floor %.4f", c.Name, m, c.Got, rel, c.Floor)
}
