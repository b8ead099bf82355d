# A note that holds nothing but a UTF-8 byte order mark (what some
# Windows editors save for an empty file).
printf '\357\273\277' > 30-business-model.md
