// libedit (BSD editline) through its readline-compatible API: line editing,
// history and tab completion for `hti repl`.
#include <stdio.h>
#include <editline/readline.h>
