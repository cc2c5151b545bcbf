package index

import "github.com/nhs-trawl/trawl/extract"

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
