# Folders nested 9 deep (limit 8): the 9th level is refused; the note in
# the 8th is still read and checked (its `author` key is reported).
mkdir -p 2025/q1/march/workshop/photos/raw/originals/backup/old
printf -- '---\ntool: business-model\nauthor: Petra\n---\n' > 2025/q1/march/workshop/photos/raw/originals/backup/note.md
printf -- '---\ntool: none\n---\n' > 2025/q1/march/workshop/photos/raw/originals/backup/old/note.md
