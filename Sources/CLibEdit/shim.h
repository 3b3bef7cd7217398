// The system's libedit (BSD licence), through its readline-compatible interface: line
// editing, history and a callback reader for the terminal drill.
#include <stdio.h>
#include <editline/readline.h>

// Leave SIGINT and SIGTERM to firedrill's own handlers (which restore the terminal and keep
// the drill resumable); a C function so Swift does not touch libedit's global directly.
static inline void firedrill_editline_leave_signals(void) {
    rl_catch_signals = 0;
}

// Reads keys through `getc`, so that the reader can wait on other things too (messages to
// print above the line being typed) between keys.
static inline void firedrill_editline_set_getc(int (*getc)(FILE *)) {
    rl_getc_function = getc;
}
