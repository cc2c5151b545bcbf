package eval

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nhs-trawl/trawl/extract"
)

// evaluateDev runs the extractor over the dev set.
func evaluateDev(t *testing.T, floors Floors) *Evaluation {
	t.Helper()
	set := loadDev(t)
	x, err := extract.New(extract.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ev, err := Evaluate(context.Background(), set, x, Options{Floors: floors})
	if err != nil {
		t.Fatal(err)
	}
	return ev
}

// TestDevFloors is the quality gate: the extractor's scores on the dev set
// must not fall below testdata/floors.json.
func TestDevFloors(t *testing.T) {
	floors, err := ReadFloors(filepath.Join("testdata", "floors.json"))
	if err != nil {
		t.Fatal(err)
	}
	for _, typ := range append(Types, "events") {
		if _, ok := floors[typ]; !ok {
			t.Errorf("testdata/floors.json has no floor for %s", typ)
		}
	}
	ev := evaluateDev(t, floors)
	var b strings.Builder
	if err := ev.WriteText(&b, true); err != nil {
		t.Fatal(err)
	}
	t.Logf("dev set scores:\n%s", b.String())
	for _, c := range Failed(ev.Floors) {
		t.Errorf("below floor: %s", c)
	}
}

// TestDevAgreesWithScorePy scores the extractor's own predictions with
// score.py too.
func TestDevAgreesWithScorePy(t *testing.T) {
	py := python(t)
	ev := evaluateDev(t, nil)
	dir := t.TempDir()
	ent, evp := filepath.Join(dir, "entities.jsonl"), filepath.Join(dir, "events.jsonl")
	for path, write := range map[string]func(*os.File) error{
		ent: func(f *os.File) error { return WriteJSONL(f, ev.Predictions.Entities) },
		evp: func(f *os.File) error { return WriteJSONL(f, ev.Predictions.Events) },
	} {
		f, err := os.Create(path)
		if err != nil {
			t.Fatal(err)
		}
		if err := write(f); err != nil {
			t.Fatal(err)
		}
		if err := f.Close(); err != nil {
			t.Fatal(err)
		}
	}
	if len(ev.Predictions.Entities) == 0 {
		t.Fatal("the extractor found nothing in the dev set")
	}
	agree(t, scorePy(t, py, ent, evp, ""), &ev.Scores)
}
