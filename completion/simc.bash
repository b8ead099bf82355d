# bash completion for simc (installed by `make install` into
# share/bash-completion/completions/simc).  The label languages and the
# tools come from simc itself, so they follow the templates in use.

_simc_words() {	# _simc_words langs|tools: what the templates define
	local out
	case $1 in
	langs) out=$(simc blank --lang '' 2>&1) ;;
	tools) out=$(simc schema '' 2>&1) ;;
	esac
	out=${out##*are }
	out=${out%% (*}
	printf '%s\n' ${out//,/}
}

_simc() {
	local cur prev cmd i
	COMPREPLY=()
	cur=${COMP_WORDS[COMP_CWORD]}
	prev=${COMP_WORDS[COMP_CWORD-1]}
	cmd=
	for ((i = 1; i < COMP_CWORD; i++)); do
		case ${COMP_WORDS[i]} in
		--templates) ((i++)) ;;
		-*) ;;
		*) cmd=${COMP_WORDS[i]}; break ;;
		esac
	done

	case $prev in
	--templates|-o)
		COMPREPLY=($(compgen -d -- "$cur")); return ;;
	--lang)
		COMPREPLY=($(compgen -W "$(_simc_words langs)" -- "$cur"))
		return ;;
	--paper)
		COMPREPLY=($(compgen -W "a4 a3" -- "$cur")); return ;;
	--format)
		COMPREPLY=($(compgen -W "pdf html pdf,html" -- "$cur")); return ;;
	--port|--name)
		return ;;
	esac
	if [[ $cur == --diagnostics=* ]]; then
		COMPREPLY=($(compgen -W "--diagnostics=text --diagnostics=json" \
		    -- "$cur"))
		return
	fi
	if [[ -z $cmd ]]; then
		COMPREPLY=($(compgen -W "check status export build blank init
		    watch schema lsp dump --templates --version --help
		    --diagnostics=json" -- "$cur"))
		return
	fi
	if [[ $cur == -* ]]; then
		local opts="--help --diagnostics=json"
		case $cmd in
		build) opts+=" -o -q --format --lang --paper" ;;
		blank) opts+=" -o --lang --paper" ;;
		watch) opts+=" -o --port --lang --paper" ;;
		init) opts+=" --name --lang" ;;
		esac
		COMPREPLY=($(compgen -W "$opts" -- "$cur"))
		return
	fi
	case $cmd in
	check)		# a company folder, or one note in it
		COMPREPLY=($(compgen -d -- "$cur") $(compgen -f -X '!*.md' \
		    -- "$cur")) ;;
	schema)
		COMPREPLY=($(compgen -W "$(_simc_words tools)" -- "$cur")) ;;
	lsp|blank)
		;;
	*)
		COMPREPLY=($(compgen -d -- "$cur")) ;;
	esac
}
complete -o filenames -F _simc simc
