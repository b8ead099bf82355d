# A link to a note that was renamed, and a link that loops.
rm -f 22-persona-farmer.md loop-a.md loop-b.md
ln -s 22-persona-josip.md 22-persona-farmer.md
ln -s loop-b.md loop-a.md
ln -s loop-a.md loop-b.md
