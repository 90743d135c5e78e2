# SPDX-License-Identifier: GPL-2.0
#
# regions.awk - rewrite one source file of a lab handout.
#
#   awk -v lab=LAB -v conf=labs/LAB/lab.conf -v solution=0|1 \
#       -v file=module/core/buddy.c -f regions.awk module/core/buddy.c
#
# Every marker line  /* LAB <lab>.<region>: begin */ ... end */  is
# removed. The lines between the markers of a region of LAB are replaced
# by a "TODO n" comment and the region's stub from lab.conf (unless
# solution=1, which keeps the reference code); regions of other labs keep
# their code. Appends the name of every region seen to the file -v seen=.
# Exit 1 on a malformed marker, a region not in lab.conf, or an
# unterminated region.

function die(msg) {
	printf("mklab: %s:%d: %s\n", file, FNR, msg) > "/dev/stderr"
	failed = 1
	exit 1
}

BEGIN {
	# lab.conf: region NAME TODO FILE / todo TEXT / stub CODE
	while ((getline l < conf) > 0) {
		if (l ~ /^region /) {
			split(l, w, /[ \t]+/)
			cur = w[2]
			todo_nr[cur] = w[3]
			todo_file[cur] = w[4]
			ntodo[cur] = 0
			nstub[cur] = 0
		} else if (l ~ /^todo( |$)/) {
			todo_text[cur, ++ntodo[cur]] = substr(l, 6)
		} else if (l ~ /^stub( |$)/) {
			stub_text[cur, ++nstub[cur]] = substr(l, 6)
		}
	}
	close(conf)
	inside = ""
}

/^[ \t]*\/\* LAB [a-z0-9_]+\.[a-z0-9_]+: (begin|end) \*\/[ \t]*$/ {
	name = $0
	sub(/^[ \t]*\/\* LAB /, "", name)
	kind = name
	sub(/:.*/, "", name)
	sub(/^[^:]*: /, "", kind)
	sub(/ .*/, "", kind)
	indent = $0
	sub(/\/\*.*/, "", indent)
	if (kind == "begin") {
		if (inside != "" && skipping)
			next		# a nested marker inside a stubbed region
		if (inside != "")
			nest[++depth] = inside
		inside = name
		split(name, parts, ".")
		if (seen != "") print name >> seen
		if (parts[1] != lab || solution)
			next
		if (!(name in todo_nr))
			die("region " name " is not in " conf)
		skipping = 1
		print indent "/*"
		printf("%s * TODO %s (%s):\n", indent, todo_nr[name], name)
		for (i = 1; i <= ntodo[name]; i++)
			print indent " * " todo_text[name, i]
		print indent " */"
		for (i = 1; i <= nstub[name]; i++)
			print stub_text[name, i]
		next
	}
	if (name != inside) {
		if (skipping)
			next
		die("end of " name " while in '" inside "'")
	}
	skipping = 0
	inside = depth ? nest[depth--] : ""
	next
}

/LAB [a-z0-9_]+\.[a-z0-9_]+:/ { die("malformed LAB marker: " $0) }

!skipping { print }

END {
	if (!failed && inside != "")
		die("region " inside " has no end marker")
}
