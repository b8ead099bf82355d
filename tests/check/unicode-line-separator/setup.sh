# U+2028 LINE SEPARATOR (bytes E2 80 A8), as pasted from a word
# processor, inside front matter values.  It is not a line end in the
# file: `role: buyers` is on line 7 (column 11) in both notes, and the
# plain `product:` value on line 3 of 20-segments.md is one line.
printf -- '---\ntool: segments\nproduct: "HIDRA hydraulic\342\200\250log splitters"\nsegments:\n  - id: farm\n    name: Farmers who split their own firewood\n    role: buyers\n---\n' > 21-segments.md
printf -- '---\ntool: segments\nproduct: HIDRA hydraulic\342\200\250log splitters\nsegments:\n  - id: farm\n    name: Farmers who split their own firewood\n    role: buyers\n---\n' > 20-segments.md
