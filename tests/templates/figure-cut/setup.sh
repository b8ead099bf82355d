# A phase, a tool and a decision label longer than the workflow figure's
# boxes hold even grown to their most lines: the figure cuts them with an
# ellipsis and the build warns where each text is written.
set -e
w="and its many many long words"
w="$w $w $w $w"
sed -i "s/^    label: Customer Persona$/    label: Customer Persona $w $w $w/" templates/tools.yaml
sed -i "s/^  phase2: Outside-in$/  phase2: Outside-in, the customers seen from outside the company, their segments, their personas and their journeys through the service/" templates/lang/en.yaml
sed -i "s/^  decision_strategy: \"Strategy accepted\"$/  decision_strategy: \"Strategy accepted by the $w $w $w\"/" templates/lang/en.yaml
grep -q "Customer Persona and its" templates/tools.yaml
grep -q "their journeys through" templates/lang/en.yaml
grep -q "accepted by the and its" templates/lang/en.yaml
