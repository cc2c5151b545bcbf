package main

import (
	"encoding/binary"
	"strings"
	"unicode/utf16"

	"golang.org/x/text/encoding/charmap"
)

// boardPaperText is a board paper saved as plain text, as a trust's intranet
// export or a copy-and-paste from a PDF gives it.
const boardPaperText = `ASHDOWN VALLEY HOSPITALS NHS FOUNDATION TRUST

Board of Directors (Public)
Meeting date: 30 May 2019
Agenda item: TB19/052

EPR Programme: Post Go-Live Update

Report of the Chief Information Officer

1. PURPOSE

This paper updates the Board on the stabilisation of the Cerner Millennium
electronic patient record (EPR) since go-live on 3 March 2019, and on the
recovery of the referral-to-treatment (RTT) return to NHS England.

2. STABILISATION

The clinic letter backlog, which peaked at 9,214 letters on 22 March, was
cleared on 9 May 2019 after the supplier's release 2019.04 corrected the
letter templates. The weekly RTT return was resubmitted for the missed weeks
on 26 April and has been submitted on time since.

Open issues at 24 May 2019:

- drug chart completion on mobile devices (fix due in release 2019.06);
- 1,120 duplicate patient records created during migration, of which 860
  have been merged;
- theatre scheduling reports (interim spreadsheet in use).

3. FINANCE

Cost heading           Business case   Forecast
Licences and hosting   £7.9m           £8.4m
Implementation         £5.1m           £6.4m
Backfill and training  £2.3m           £3.1m
Total                  £16.2m          £18.8m

The forecast has risen by a further £0.2m since the March report, for the
extended support of super-users on the wards to 31 May 2019.

4. RECOMMENDATION

The Board is asked to note the report and the revised forecast of £18.8m.

Alan Whitcombe
Chief Information Officer
23 May 2019

` + disclaimer + "\n"

const boardPaperSidecar = `{
  "title": "EPR Programme: Post Go-Live Update",
  "published": "2019-05-30",
  "url": "https://www.example.nhs.uk/board/2019-05-30/TB19-052-epr-update.txt",
  "source": "Ashdown Valley Hospitals NHS Foundation Trust",
  "kind": "board-paper"
}
`

// newsText is an old news item saved as windows-1252 text: pound signs,
// smart quotes, an en dash and an accented name are all single bytes.
const newsText = `Trust delays PAS replacement – again
Published: 14 March 2009

Ashdown Valley Hospitals NHS Trust has put back the replacement of its patient administration system until “at least the autumn”, its board heard on Thursday.

The trust’s director of IT, René Dubois, told the board that the £4.2m project had been hit by problems with data migration.
`

// markdownText is a Markdown board paper with front matter, CRLF line ends,
// both heading styles, emphasis, links, a list, a table, a code fence, a
// quote and raw HTML.
const markdownText = `---
title: "Digital Board Update, July 2021"
date: 2021-07-08
author: Digital Services Team
---

# Digital Board Update

Board of Directors, *8 July 2021*

Summary
-------

The **shared care record** went live with [the ICS portal](https://example.nhs.uk/ics "ICS") on 1 July.
Staff can reach it from the EPR toolbar.

## Key milestones

1. Shared care record live in ED – 1 July 2021
2. GP data feed *(phase 2)* – September 2021
   - practices in the east locality first

| Milestone | Date | RAG |
|-----------|------|-----|
| ED live | 1 July 2021 | Green |
| GP feed | Sept 2021 | Amber |

> The programme remains within its £1.2m budget.

<!-- internal note: do not publish the risk log -->

` + "```" + `text
RAG rating: Amber
` + "```" + `

See <https://example.nhs.uk/board> and ![chart of usage](usage.png).
`

// utf16Text is a short note saved by Windows Notepad as "Unicode".
const utf16Text = "Audit Committee – action notes\r\n\r\nMeeting held 12 February 2020.\r\n\r\nThe committee noted the internal audit report on cyber security (reasonable assurance) and asked for a follow-up on the 14 open actions by the June meeting.\r\n"

func cp1252(s string) []byte {
	b, err := charmap.Windows1252.NewEncoder().String(s)
	if err != nil {
		panic(err) // a fixture constant with a character outside the code page
	}
	return []byte(b)
}

func utf16LE(s string) []byte {
	u := utf16.Encode([]rune(s))
	out := []byte{0xFF, 0xFE}
	for _, c := range u {
		out = binary.LittleEndian.AppendUint16(out, c)
	}
	return out
}

func crlf(s string) []byte { return []byte(strings.ReplaceAll(s, "\n", "\r\n")) }
