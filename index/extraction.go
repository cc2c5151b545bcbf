package index

import (
	gojson "github.com/goccy/go-json"

	"github.com/nhs-trawl/trawl/extract"
)

// Entity types of the extraction JSON.
const (
	entTrust  = extract.Trust
	entOrg    = extract.Org
	entVendor = extract.Vendor
	entSystem = extract.System
	entPerson = extract.Person
	entMoney  = extract.Money
	entDate   = extract.Date
)

// Extraction, Entity and Event are the extractor's own types: the index
// reads the JSON that extract.Result writes.
type (
	Extraction = extract.Result
	Entity     = extract.Entity
	Event      = extract.Event
)

// decodeExtraction decodes an extraction's JSON. github.com/goccy/go-json
// decodes it 4 times as fast as encoding/json (BenchmarkDecodeExtraction),
// which had been 7% of an index build's CPU; TestDecodeExtractionSame and
// FuzzDecodeExtraction hold it to encoding/json's results.
func decodeExtraction(data []byte, r *Extraction) error {
	return gojson.Unmarshal(data, r)
}
