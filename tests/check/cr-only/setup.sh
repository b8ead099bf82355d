# Classic Mac line ends (lone CR): `experience: 5` is line 9, column 17.
printf -- '---\rtool: journey\rsegment: farm\rstages:\r  - stage: purchase\r    doing: Compares prices at the Gudovac fair and online.\r    thinking: Is the 16 t model worth 900 EUR more?\r    feeling: Unsure.\r    experience: 5\r---\r' > 24-journey-farm.md
