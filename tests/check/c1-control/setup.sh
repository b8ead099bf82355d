# U+0085 (NEXT LINE, bytes C2 85), left by a Windows-1252 to UTF-8
# conversion of "…", in the body: line 7, column 21.
printf -- '---\ntool: business-model\nresources: Two service technicians and a van.\n---\n\nOpen questions\n- who pays the kombi\302\205 Marko or the bank?\n' > 30-business-model.md
