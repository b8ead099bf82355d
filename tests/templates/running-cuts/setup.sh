# A phase title and the "Content version" label too long for the running
# header and footer: each is cut to fit, with a warning.
set -e
sed -i 's/^  phase0: The company and its product$/  phase0: The company, its product and the service it may sell around it/' templates/lang/en.yaml
sed -i 's/^  version: Content version$/  version: The version of the content, as the repository of the notes names it, its commit and the date of that commit, and whether the work tree holds changes/' templates/lang/en.yaml
grep -q "sell around it" templates/lang/en.yaml
grep -q "whether the work tree holds changes" templates/lang/en.yaml
