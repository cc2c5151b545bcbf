package index

import (
	"encoding/json"
	"reflect"
	"testing"

	"github.com/nhs-trawl/trawl/corpus"
	"github.com/nhs-trawl/trawl/extract"
)

// fullExtraction sets every field of an extraction, Unicode and escapes
// included.
func fullExtraction(t testing.TB) Extraction {
	t.Helper()
	pub, err := corpus.ParseDate("2008-11")
	if err != nil {
		t.Fatal(err)
	}
	return Extraction{DocID: "d1", Extractor: "trawl-extract/9", Published: pub,
		Entities: []Entity{
			{Type: extract.Trust, Text: "Royal Free", Norm: "Royal Free Hampstead NHS Trust", ID: "RAL", Start: 4, End: 14, Count: 2,
				Mentions: []extract.Span{{Start: 4, End: 14}, {Start: 90, End: 100}}, Current: "Royal Free London NHS Foundation Trust", CurrentID: "RAL"},
			{Type: extract.Date, Text: "last June", Norm: "2008-06", Start: 20, End: 29, Count: 1, Relative: true, Mod: "early", Fuzzy: true},
			{Type: extract.Person, Text: "Zoë O’Neill", Norm: "Zoë O’Neill", Role: "chief \"information\" officer", Affiliation: "RAL\n"},
			{Type: extract.System, Text: "Millennium", Norm: "Cerner Millennium", ID: "cerner-millennium", Version: "2007.19", VendorID: "cerner"},
			{Type: extract.Money, Text: "£7.2m–£8m", Norm: "GBP 7200000", Currency: "GBP", Amount: 7200000, To: 8000000, Per: "year"},
		},
		Events: []Event{{Kind: "go-live", Date: "2008-06", Status: "actual", Trusts: []string{"Royal Free Hampstead NHS Trust"},
			Vendors: []string{"Cerner"}, Systems: []string{"Cerner Millennium"}, Money: []string{"GBP 7200000"},
			TrustIDs: []string{"RAL"}, VendorIDs: []string{"cerner"}, SystemIDs: []string{"cerner-millennium"},
			DateBasis: "text", Sentence: "The Trust went live <b>in</b> June 2008.\u2028", Start: 51, End: 92, Page: 2}},
		Notes: []string{"document date unknown"},
	}
}

func TestDecodeExtractionSame(t *testing.T) {
	samples := []Extraction{fullExtraction(t), {}}
	for i := 0; i < 20; i++ {
		_, ex := genDoc(i)
		samples = append(samples, ex)
	}
	for _, fd := range loadFixture(t, "testdata/search/london-cerner/docs.json").docs {
		if fd.Extraction != nil {
			samples = append(samples, *fd.Extraction)
		}
	}
	for i, ex := range samples {
		data, err := json.Marshal(ex)
		if err != nil {
			t.Fatal(err)
		}
		var want, got Extraction
		if err := json.Unmarshal(data, &want); err != nil {
			t.Fatal(err)
		}
		if err := decodeExtraction(data, &got); err != nil {
			t.Fatalf("sample %d: %v", i, err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("sample %d decodes as\n%+v\nwant\n%+v", i, got, want)
		}
	}
}

// FuzzDecodeExtraction: on what encoding/json decodes, the same result;
// on anything else, an error or a result, never a panic.
func FuzzDecodeExtraction(f *testing.F) {
	full, _ := json.Marshal(fullExtraction(f))
	f.Add(full)
	f.Add([]byte(`{"id":"x","entities":null,"events":[{"kind":"cost","money":["GBP 1"]}]}`))
	f.Add([]byte(`{"published":"2009-autumn","entities":[{"type":"date","amount":-1e3}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var want, got Extraction
		wantErr := json.Unmarshal(data, &want)
		gotErr := decodeExtraction(data, &got)
		if wantErr == nil && (gotErr != nil || !reflect.DeepEqual(got, want)) {
			t.Fatalf("%q: got %+v, %v; want %+v", data, got, gotErr, want)
		}
	})
}

// BenchmarkDecodeExtraction compares encoding/json with decodeExtraction
// on generated documents' extractions.
func BenchmarkDecodeExtraction(b *testing.B) {
	var samples [][]byte
	size := 0
	for i := 0; i < 100; i++ {
		_, ex := genDoc(i)
		data, _ := json.Marshal(ex)
		samples = append(samples, data)
		size += len(data)
	}
	for _, c := range []struct {
		name   string
		decode func([]byte, *Extraction) error
	}{
		{"encoding-json", func(d []byte, r *Extraction) error { return json.Unmarshal(d, r) }},
		{"decodeExtraction", decodeExtraction},
	} {
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(int64(size))
			for i := 0; i < b.N; i++ {
				for _, d := range samples {
					var r Extraction
					if err := c.decode(d, &r); err != nil {
						b.Fatal(err)
					}
				}
			}
		})
	}
}
