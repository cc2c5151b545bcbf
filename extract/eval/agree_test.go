package eval

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

const devDir = "../../testdata/eval/dev"

// line is one raw JSONL line of predictions, so that sets can hold what
// score.py tolerates (null norms, unknown types, other documents).
type line map[string]any

// predSet is a set of predictions written in score.py's input format.
type predSet struct {
	name     string
	entities []line
	events   []line
	aliases  AliasMap
}

var kinds = []string{"go-live", "delay", "suspension", "cost", "contract", "rescue", "other"}

// variant rewrites a norm into a form that should still match: case,
// apostrophes, "The", "&", spacing and dots for names; commas, case and
// fractions for money; surrounding space for dates.
func variant(typ, norm string, i int) string {
	switch {
	case nameType(typ):
		switch i % 7 {
		case 0:
			return strings.ToUpper(norm)
		case 1:
			return strings.ReplaceAll(strings.ToLower(norm), "'", "’")
		case 2:
			return "The " + norm
		case 3:
			return strings.ReplaceAll(norm, " and ", " & ")
		case 4:
			return strings.ReplaceAll(norm, " ", "  ") + "."
		case 5:
			return "\u00a0" + strings.ReplaceAll(norm, "-", "–") + " "
		}
		return "the\t" + strings.ToLower(norm)
	case typ == "money":
		cur, num, ok := strings.Cut(norm, " ")
		if !ok {
			return norm
		}
		return strings.ToLower(cur) + commas(num) + []string{".4", ".0", "", ".49999"}[i%4]
	}
	return " " + norm + "\n"
}

func commas(num string) string {
	var b strings.Builder
	for i, c := range num {
		if i > 0 && (len(num)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}

// wrong rewrites a norm into one that should not match.
func wrong(typ, norm string, i int) string {
	switch {
	case nameType(typ):
		return []string{norm + " Ltd", "North " + norm, strings.ReplaceAll(norm, " ", "")}[i%3]
	case typ == "money":
		cur, num, _ := strings.Cut(norm, " ")
		n, err := strconv.ParseInt(num, 10, 64)
		if err != nil {
			return norm + "0"
		}
		return fmt.Sprintf("%s %d", cur, n+1+int64(i%3)*1000)
	}
	if len(norm) >= 4 {
		if y, err := strconv.Atoi(norm[:4]); err == nil {
			return strconv.Itoa(y+1) + norm[4:]
		}
	}
	return norm + "-x"
}

func otherType(typ string) string {
	for i, t := range Types {
		if t == typ {
			return Types[(i+1)%len(Types)]
		}
	}
	return "trust"
}

func entLine(doc, typ string, norm any) line { return line{"doc": doc, "type": typ, "norm": norm} }

func evLine(e Event, date, kind string, trusts []string) line {
	if trusts == nil {
		trusts = []string{}
	}
	return line{"doc": e.Doc, "date": date, "kind": kind, "trusts": trusts, "vendors": e.Vendors, "systems": e.Systems}
}

func trustVariants(ts []string, i int) []string {
	out := make([]string, len(ts))
	for j, t := range ts {
		out[j] = variant("trust", t, i+j)
	}
	return out
}

// predSets returns the prediction sets, all derived deterministically from
// the gold set.
func predSets(set *Set) []predSet {
	var sets []predSet
	all := func(filter func(Entity) bool) []line {
		var out []line
		for _, e := range set.Entities {
			if filter(e) {
				out = append(out, entLine(e.Doc, e.Type, e.Norm))
			}
		}
		return out
	}
	goldEvents := func() []line {
		var out []line
		for _, e := range set.Events {
			out = append(out, evLine(e, e.Date, e.Kind, e.Trusts))
		}
		return out
	}
	sets = append(sets,
		predSet{name: "perfect", entities: all(func(Entity) bool { return true }), events: goldEvents()},
		predSet{name: "required", entities: all(func(e Entity) bool { return !e.Optional }), events: goldEvents()},
		predSet{name: "empty"},
	)

	// Variants of every norm that must still match.
	var vs predSet
	vs.name = "variants"
	for i, e := range set.Entities {
		vs.entities = append(vs.entities, entLine(e.Doc, e.Type, variant(e.Type, e.Norm, i)))
	}
	for i, e := range set.Events {
		vs.events = append(vs.events, evLine(e, e.Date, e.Kind, trustVariants(e.Trusts, i)))
	}
	sets = append(sets, vs)

	// Noise by rule: every kind of error in turn.
	noisy := predSet{name: "noisy"}
	for i, e := range set.Entities {
		noisy.entities = append(noisy.entities, entityOp(e, i%9, i)...)
	}
	for i, e := range set.Events {
		noisy.events = append(noisy.events, eventOp(e, i%8, i)...)
	}
	noisy.entities = append(noisy.entities, line{"doc": "000", "type": "trust"}, line{"type": "org", "norm": "NHS London"})
	sets = append(sets, noisy)

	// The noisy set again, with an alias map undoing some wrong names.
	aliased := predSet{name: "aliased", entities: noisy.entities, events: noisy.events, aliases: AliasMap{}}
	for i, e := range set.Entities {
		if i%9 == 1 && (i/9)%2 == 0 {
			if aliased.aliases[e.Type] == nil {
				aliased.aliases[e.Type] = map[string]string{}
			}
			aliased.aliases[e.Type][wrong(e.Type, e.Norm, i)] = e.Norm
		}
	}
	if aliased.aliases["trust"] == nil {
		aliased.aliases["trust"] = map[string]string{}
	}
	// Event trusts are not aliased, as in score.py.
	aliased.aliases["trust"]["Nobody NHS Trust"] = "Kingston Hospital NHS Trust"
	sets = append(sets, aliased)

	// Random mixes of the same errors, shuffled: order matters to events.
	for seed := uint64(1); seed <= 4; seed++ {
		r := rand.New(rand.NewPCG(seed, 2012))
		rs := predSet{name: fmt.Sprintf("random-%d", seed)}
		for _, e := range set.Entities {
			rs.entities = append(rs.entities, entityOp(e, r.IntN(9), r.IntN(100))...)
		}
		for i, e := range set.Events {
			rs.events = append(rs.events, eventOp(e, r.IntN(8), i+r.IntN(100))...)
		}
		r.Shuffle(len(rs.entities), func(i, j int) { rs.entities[i], rs.entities[j] = rs.entities[j], rs.entities[i] })
		r.Shuffle(len(rs.events), func(i, j int) { rs.events[i], rs.events[j] = rs.events[j], rs.events[i] })
		sets = append(sets, rs)
	}
	return sets
}

// entityOp applies error op to gold line e.
func entityOp(e Entity, op, i int) []line {
	keep := entLine(e.Doc, e.Type, e.Norm)
	switch op {
	case 0: // missing
		return nil
	case 1: // wrong norm
		return []line{entLine(e.Doc, e.Type, wrong(e.Type, e.Norm, i))}
	case 2: // duplicate in another form
		return []line{keep, entLine(e.Doc, e.Type, variant(e.Type, e.Norm, i))}
	case 3: // the same line in a document without gold
		return []line{keep, entLine("999", e.Type, e.Norm)}
	case 4: // an unscored type
		return []line{keep, entLine(e.Doc, "place", e.Norm)}
	case 5: // no norm
		return []line{entLine(e.Doc, e.Type, nil)}
	case 6: // wrong type
		return []line{entLine(e.Doc, otherType(e.Type), e.Norm)}
	case 7: // an extra wrong line besides the right one
		return []line{keep, entLine(e.Doc, e.Type, wrong(e.Type, e.Norm, i+1))}
	}
	return []line{keep}
}

// eventOp applies error op to gold event e.
func eventOp(e Event, op, i int) []line {
	keep := evLine(e, e.Date, e.Kind, e.Trusts)
	switch op {
	case 0: // date error
		return []line{evLine(e, wrong("date", e.Date, i), e.Kind, e.Trusts)}
	case 1: // kind error
		k := kinds[(strings.Index(strings.Join(kinds, " "), e.Kind)+i)%len(kinds)]
		if k == e.Kind {
			k = "other"
		}
		return []line{evLine(e, e.Date, k, e.Trusts)}
	case 2: // trusts lost, or invented
		if len(e.Trusts) == 0 {
			return []line{evLine(e, e.Date, e.Kind, []string{"Nobody NHS Trust"})}
		}
		return []line{evLine(e, e.Date, e.Kind, nil)}
	case 3: // missing
		return nil
	case 4: // duplicate
		return []line{keep, keep}
	case 5: // trusts in other forms, plus a wrong one
		return []line{evLine(e, e.Date, e.Kind, append(trustVariants(e.Trusts, i), "Nobody NHS Trust"))}
	case 6: // another document
		return []line{keep, evLine(Event{Doc: "999"}, e.Date, e.Kind, e.Trusts)}
	}
	return []line{keep}
}

func writeLines(t *testing.T, path string, ls []line) {
	t.Helper()
	var b bytes.Buffer
	for _, l := range ls {
		j, err := json.Marshal(l)
		if err != nil {
			t.Fatal(err)
		}
		b.Write(j)
		b.WriteByte('\n')
	}
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// scoreFiles scores prediction files with the Go scorer, reading them as
// score.py does.
func scoreFiles(t *testing.T, set *Set, entPath, evPath string, aliases AliasMap) *Report {
	t.Helper()
	f, err := os.Open(entPath)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	ents, err := ReadPredictions(f)
	if err != nil {
		t.Fatal(err)
	}
	g, err := os.Open(evPath)
	if err != nil {
		t.Fatal(err)
	}
	defer g.Close()
	evs, err := ReadEventPredictions(g)
	if err != nil {
		t.Fatal(err)
	}
	return Score(set, &Predictions{Entities: ents, Events: evs}, aliases)
}

// scorePy runs testdata/score.py --json over the files.
func scorePy(t *testing.T, py, entPath, evPath, aliasPath string) []byte {
	t.Helper()
	args := []string{"testdata/score.py", "--gold", filepath.Join(devDir, "gold.jsonl"), "--pred", entPath,
		"--events-gold", filepath.Join(devDir, "events.jsonl"), "--events-pred", evPath, "--json"}
	if aliasPath != "" {
		args = append(args, "--alias-map", aliasPath)
	}
	cmd := exec.Command(py, args...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("python3 %s: %v\n%s", strings.Join(args, " "), err, stderr.String())
	}
	return out
}

// agree checks every number of score.py's JSON against the Go scores'.
func agree(t *testing.T, pyJSON []byte, s *Scores) {
	t.Helper()
	var want, got any
	if err := json.Unmarshal(pyJSON, &want); err != nil {
		t.Fatalf("score.py output: %v\n%s", err, pyJSON)
	}
	b, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatal(err)
	}
	n := compareJSON(t, "", want, got)
	if n == 0 {
		t.Errorf("score.py output holds no numbers: %s", pyJSON)
	}
}

// compareJSON compares every number of want with the same path in got, to
// 1e-9, and returns how many it compared.
func compareJSON(t *testing.T, path string, want, got any) int {
	t.Helper()
	switch w := want.(type) {
	case map[string]any:
		gm, ok := got.(map[string]any)
		if !ok {
			t.Errorf("%s: Go has %v; score.py an object", path, got)
			return 0
		}
		keys := make([]string, 0, len(w))
		for k := range w {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		n := 0
		for _, k := range keys {
			gv, ok := gm[k]
			if !ok {
				t.Errorf("%s.%s: missing in Go's scores (score.py: %v)", path, k, w[k])
				continue
			}
			n += compareJSON(t, path+"."+k, w[k], gv)
		}
		return n
	case float64:
		gf, ok := got.(float64)
		if !ok || math.Abs(gf-w) > 1e-9 {
			t.Errorf("%s = %v in Go; score.py %v", path, got, w)
		}
		return 1
	}
	t.Errorf("%s: unexpected value %v in score.py's output", path, want)
	return 0
}

func loadDev(t *testing.T) *Set {
	t.Helper()
	set, err := Load(devDir)
	if err != nil {
		t.Fatal(err)
	}
	return set
}

// TestScoresGolden pins the Go scores of every prediction set: it runs
// without Python.
func TestScoresGolden(t *testing.T) {
	set := loadDev(t)
	dir := t.TempDir()
	for _, ps := range predSets(set) {
		t.Run(ps.name, func(t *testing.T) {
			ent, evp := filepath.Join(dir, ps.name+".entities.jsonl"), filepath.Join(dir, ps.name+".events.jsonl")
			writeLines(t, ent, ps.entities)
			writeLines(t, evp, ps.events)
			r := scoreFiles(t, set, ent, evp, ps.aliases)
			got, err := json.MarshalIndent(r.Scores, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			golden := filepath.Join("testdata", "golden", ps.name+".json")
			if *update {
				if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("scores of %s differ from %s (go test -update rewrites it):\ngot:\n%s", ps.name, golden, got)
			}
		})
	}
}

// TestAgreesWithScorePy runs the reference scorer over every prediction set
// and compares every number it prints with the Go scorer's.
func TestAgreesWithScorePy(t *testing.T) {
	py := python(t)
	set := loadDev(t)
	dir := t.TempDir()
	for _, ps := range predSets(set) {
		t.Run(ps.name, func(t *testing.T) {
			ent, evp := filepath.Join(dir, ps.name+".entities.jsonl"), filepath.Join(dir, ps.name+".events.jsonl")
			writeLines(t, ent, ps.entities)
			writeLines(t, evp, ps.events)
			aliasPath := ""
			if ps.aliases != nil {
				aliasPath = filepath.Join(dir, ps.name+".aliases.json")
				b, _ := json.Marshal(ps.aliases)
				if err := os.WriteFile(aliasPath, b, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			r := scoreFiles(t, set, ent, evp, ps.aliases)
			agree(t, scorePy(t, py, ent, evp, aliasPath), &r.Scores)
		})
	}
}

// TestPredSetsDiffer guards the agreement test against sets that score
// alike: each must exercise something, except the variants and the required
// lines only, which must score as the perfect set.
func TestPredSetsDiffer(t *testing.T) {
	set := loadDev(t)
	seen := map[string]string{}
	byName := map[string]string{}
	dir := t.TempDir()
	for _, ps := range predSets(set) {
		ent, evp := filepath.Join(dir, ps.name+".e"), filepath.Join(dir, ps.name+".v")
		writeLines(t, ent, ps.entities)
		writeLines(t, evp, ps.events)
		b, _ := json.Marshal(scoreFiles(t, set, ent, evp, ps.aliases).Scores)
		byName[ps.name] = string(b)
		if ps.name == "variants" || ps.name == "required" {
			continue
		}
		if prev, ok := seen[string(b)]; ok {
			t.Errorf("prediction sets %s and %s score the same", prev, ps.name)
		}
		seen[string(b)] = ps.name
	}
	for _, name := range []string{"variants", "required"} {
		if byName[name] != byName["perfect"] {
			t.Errorf("%s scores\n%s\nwant as the perfect set (optional lines neither count nor cost; variants match):\n%s", name, byName[name], byName["perfect"])
		}
	}
}
