# A note that is a FIFO (git cannot hold one): reading it would block
# simc for ever; it is an error instead, next to a valid note.
mkfifo 00-company.md
