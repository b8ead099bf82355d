# A form feed (page break pasted from Word) in the body: line 9, column 1.
# The UTF-8 letters before it on earlier lines must not shift the column.
printf -- '---\ntool: business-model\nresources: Two service technicians, a van with a spare parts stock, a hotline.\nprocesses: Pre-season check booked in September, visit in October.\n---\n\nWorkshop of 12 March 2025, Vrbovec: Marko, Petra, Dario.\n\n\014Čekamo ponudu za kombi (page 2 of the Word file).\n' > 30-business-model.md
