/*
** echelon — the command. One table of commands, each with its options and,
** for a family of sub-commands, a table of verbs with the options each
** takes; arguments are parsed and checked here, once, before a command
** runs (as git.c and Redis do). Each command lives in its own file.
*/
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static int help_run(struct cli_args *a);
static int version_run(struct cli_args *a);

static const struct cli_option no_opts[] = { { NULL, NULL, NULL } };

static const struct cli_command cmd_help = {
	"help", help_run, 0, 2, "[COMMAND [VERB]] | problems [js]", "show help for echelon, a command or a verb",
	"`echelon help problems` writes the table of problem codes (docs/problems.md); `echelon help problems js`\n"
	"the same texts for the dashboard (web/src/lib/problemTexts.js).", no_opts, NULL, CLI_READS,
};
static const struct cli_command cmd_version = { "version", version_run, 0, 0, "", "print the version", NULL,
						no_opts, NULL, CLI_READS };

static const struct cli_command *const commands[] = {
	&cmd_init, &cmd_import, &cmd_export, &cmd_template, &cmd_catalog, &cmd_classify, &cmd_monitor, &cmd_complexity, &cmd_demo, &cmd_serve,
	&cmd_user, &cmd_audit, &cmd_cluster, &cmd_project, &cmd_fund, &cmd_allocate, &cmd_digital, &cmd_scenario, &cmd_incentive,
	&cmd_report, &cmd_status, &cmd_migrate, &cmd_backup, &cmd_restore, &cmd_help,
	&cmd_version,
};

#define NCOMMANDS (sizeof commands / sizeof commands[0])

static const char *progname = "echelon";

/* A message in the user's language: "code|name=value…" (the way the
** library writes what it has codes for, and the commands their refusals)
** said from the problem table, after an option's name when it starts with
** one ("--period period.invalid|value=2021-13"); other text as it is. */
static void say(const char *fmt, va_list ap)
{
	enum ec_lang lang = cli_lang();
	struct ec_buf t, b;
	char *text, *coded;

	ec_buf_init(&t, 0);
	ec_buf_vprintf(&t, fmt, ap);
	ec_buf_addc(&t, '\0');
	text = coded = ec_buf_detach(&t, NULL);
	ec_buf_init(&b, 0);
	if (text[0] == '-' && text[1] == '-' && strchr(text, ' ')) {
		struct ec_problem p;
		char *store;
		coded = strchr(text, ' ') + 1;
		if (ec_coded_decode(coded, &p, &store) == 0) {
			ec_buf_add(&b, text, (size_t)(coded - 1 - text));
			ec_buf_adds(&b, lang == EC_LANG_ZH ? "：" : ": ");
			free(store);
		} else {
			coded = text;
		}
	}
	ec_coded_message(coded, lang, &b);
	fputs(b.data ? b.data : "", stderr);
	ec_buf_release(&b);
	free(text);
}

int cli_fail(int exit_code, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", progname);
	va_start(ap, fmt);
	say(fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return exit_code;
}

int cli_usage(const struct cli_args *a, const char *fmt, ...)
{
	const struct cli_command *cmd = a->cmd;
	int zh = cli_lang() == EC_LANG_ZH;
	va_list ap;

	fprintf(stderr, "%s %s: ", progname, cmd->name);
	va_start(ap, fmt);
	say(fmt, ap);
	va_end(ap);
	if (a->verb)
		fprintf(stderr, zh ? "\n用法：echelon %s %s %s\n详见 `echelon help %s %s`\n"
				   : "\nusage: echelon %s %s %s\nsee `echelon help %s %s`\n",
			cmd->name, a->verb->name, a->verb->usage, cmd->name, a->verb->name);
	else
		fprintf(stderr, zh ? "\n用法：echelon %s %s\n详见 `echelon help %s`\n" : "\nusage: echelon %s %s\nsee `echelon help %s`\n",
			cmd->name, cmd->usage, cmd->name);
	return EC_EXIT_USAGE;
}

static int option_index(const struct cli_command *cmd, const char *name)
{
	for (int i = 0; cmd->options[i].name; i++)
		if (strcmp(cmd->options[i].name, name) == 0)
			return i;
	return -1;
}

const char *cli_opt(const struct cli_args *a, const char *name)
{
	int i = option_index(a->cmd, name);
	return i < 0 ? NULL : a->values[i];
}

const char *cli_opt_or(const struct cli_args *a, const char *name, const char *def)
{
	const char *v = cli_opt(a, name);
	return v ? v : def;
}

/* True when name is one of the space-separated words of list. */
static int listed(const char *list, const char *name)
{
	size_t n = strlen(name);

	for (const char *p = list ? list : ""; *p;) {
		size_t len = strcspn(p, " ");
		if (len == n && !strncmp(p, name, n))
			return 1;
		p += len;
		p += strspn(p, " ");
	}
	return 0;
}

static void print_option(FILE *out, const struct cli_option *o)
{
	char left[64];

	snprintf(left, sizeof left, "--%s%s%s", o->name, o->arg ? " " : "", o->arg ? o->arg : "");
	fprintf(out, "  %-22s %s\n", left, cli_help_text(o->help));
}

/* The names of cmd's verbs, those that act only when acting is set, joined
** as "a, b or c" into buf; "" when there are none. */
static const char *verb_list(const struct cli_command *cmd, int acting, char *buf, size_t size)
{
	const char *names[32];
	size_t n = 0;

	for (const struct cli_verb *v = cmd->verbs; v && v->name && n < sizeof names / sizeof names[0]; v++)
		if (!acting || v->acts)
			names[n++] = v->name;
	return ec_names_join(names, n, buf, size);
}

/* A command's summary in the user's language. */
static const char *summary_of(const struct cli_command *cmd)
{
	return cli_help_text(cmd->summary);
}

/* --lang goes with every command; --as only with one that acts (a change),
** so it is shown only there: for a family, naming the verbs that act. */
static void print_global_options(FILE *out, const struct cli_command *cmd, const struct cli_verb *verb)
{
	int zh = cli_lang() == EC_LANG_ZH;
	char acting[256] = "";
	int acts;

	if (verb)
		acts = verb->acts;
	else if (cmd->verbs)
		acts = *verb_list(cmd, 1, acting, sizeof acting) != '\0';
	else
		acts = cmd->acts;

	fprintf(out, zh ? "\n适用于所有命令：\n  %-22s %s\n" : "\nfor every command:\n  %-22s %s\n", "--lang en|zh",
		zh ? "提示和问题所用的语言（默认取自 ECHELON_LANG、LC_ALL、LC_MESSAGES 或 LANG）"
		   : "the language of problems (default: from ECHELON_LANG, LC_ALL, LC_MESSAGES or LANG)");
	if (!acts)
		return;
	if (zh)
		fprintf(out, "\n仅适用于修改数据的命令%s%s%s：\n  %-22s %s\n", *acting ? "（" : "", acting, *acting ? "）" : "",
			"--as USER", "以该账户身份操作：适用其角色和范围，审计日志记录该账户\n"
			"                         （默认：运行命令的登录用户，具有管理员权限）；\n"
			"                         只读的命令以本机操作员身份运行");
	else
		fprintf(out, "\nfor changes only%s%s%s:\n  %-22s %s\n", *acting ? " (" : "", acting, *acting ? ")" : "",
			"--as USER", "act as this account: its role and scope apply and the audit log names it\n"
			"                         (default: the login running the command, with an admin's rights);\n"
			"                         a command that reads runs as the operator of this machine");
}

static void print_usage(FILE *out, const struct cli_command *cmd, const struct cli_verb *verb)
{
	int zh = cli_lang() == EC_LANG_ZH;

	if (verb) {
		fprintf(out, zh ? "用法：echelon %s %s %s\n\n%s。\n" : "usage: echelon %s %s %s\n\n%s.\n", cmd->name,
			verb->name, verb->usage, cli_help_text(verb->summary));
		if (verb->options && *verb->options) {
			fprintf(out, zh ? "\n选项：\n" : "\noptions:\n");
			for (int i = 0; cmd->options[i].name; i++)
				if (listed(verb->options, cmd->options[i].name))
					print_option(out, &cmd->options[i]);
		}
		print_global_options(out, cmd, verb);
		return;
	}
	fprintf(out, zh ? "用法：echelon %s %s\n\n%s。\n" : "usage: echelon %s %s\n\n%s.\n", cmd->name, cmd->usage,
		summary_of(cmd));
	if (cmd->help)
		fprintf(out, "\n%s\n", cli_help_text(cmd->help));
	if (cmd->verbs) {
		fprintf(out, zh ? "\n子命令（`echelon help %s 子命令` 查看其一）：\n" : "\nverbs (`echelon help %s VERB` for one):\n",
			cmd->name);
		for (const struct cli_verb *v = cmd->verbs; v->name; v++)
			fprintf(out, "  %-10s %s\n", v->name, cli_help_text(v->summary));
	}
	if (cmd->options[0].name) {
		fprintf(out, zh ? "\n选项：\n" : "\noptions:\n");
		for (int i = 0; cmd->options[i].name; i++)
			print_option(out, &cmd->options[i]);
	}
	print_global_options(out, cmd, NULL);
}

static void print_overview(FILE *out)
{
	int zh = cli_lang() == EC_LANG_ZH;

	fprintf(out, zh ? "用法：echelon <命令> [选项]\n\n"
			  "echelon 用于引导战略性新兴产业投资：为企业分类，测算战略性新兴产业增速，\n"
			  "并为产业集群排序。\n\n命令：\n"
			: "usage: echelon <command> [options]\n\n"
			  "echelon steers investment in strategic emerging industries: it classifies\n"
			  "enterprises, measures SEI growth and ranks clusters.\n\ncommands:\n");
	for (size_t i = 0; i < NCOMMANDS; i++)
		fprintf(out, "  %-10s %s\n", commands[i]->name, summary_of(commands[i]));
	fprintf(out, zh ? "\n`echelon help <命令>` 显示该命令的选项；`echelon --version` 显示版本号。\n"
			: "\n`echelon help <command>` shows a command's options; `echelon --version` the version.\n");
}

/* The closest of n names to word, for "did you mean"; NULL when none is
** close. names(i) gives the i-th name. */
static const char *closest(const char *word, const char *(*name)(const void *set, size_t i), const void *set,
			   size_t n)
{
	const char *best = NULL;
	size_t best_d = 3;

	for (size_t i = 0; i < n; i++) {
		const char *c = name(set, i);
		size_t dist;
		if (!c)
			break;
		dist = ec_edit_distance(word, c);
		if (dist < best_d || (strncmp(word, c, strlen(word)) == 0 && strlen(word) >= 2 && !best))
			best = c, best_d = dist;
	}
	return best;
}

static const char *command_name(const void *set, size_t i)
{
	return ((const struct cli_command *const *)set)[i]->name;
}

static const char *option_name(const void *set, size_t i)
{
	return ((const struct cli_option *)set)[i].name;
}

static const char *verb_name(const void *set, size_t i)
{
	return ((const struct cli_verb *)set)[i].name;
}

static const char *flag_name(const void *set, size_t i)
{
	return ((const char *const *)set)[i];
}

static const struct cli_command *find_command(const char *name)
{
	for (size_t i = 0; i < NCOMMANDS; i++)
		if (strcmp(commands[i]->name, name) == 0)
			return commands[i];
	return NULL;
}

static const struct cli_verb *find_verb(const struct cli_command *cmd, const char *name)
{
	for (const struct cli_verb *v = cmd->verbs; v && v->name; v++)
		if (strcmp(v->name, name) == 0)
			return v;
	return NULL;
}

static size_t count_verbs(const struct cli_command *cmd)
{
	size_t n = 0;

	while (cmd->verbs && cmd->verbs[n].name)
		n++;
	return n;
}

static int no_command(const char *word)
{
	const char *hint = closest(word, command_name, commands, NCOMMANDS);

	if (hint)
		return cli_fail(EC_EXIT_USAGE, "cli.command_hint|command=%s|hint=%s", word, hint);
	return cli_fail(EC_EXIT_USAGE, "cli.command_unknown|command=%s", word);
}

static int help_run(struct cli_args *a)
{
	const struct cli_command *cmd;
	const struct cli_verb *verb = NULL;

	if (a->npositional == 0) {
		print_overview(stdout);
		return EC_EXIT_OK;
	}
	if (!strcmp(a->positional[0], "problems")) {
		struct ec_buf b;
		if (a->npositional > 1 && strcmp(a->positional[1], "js") != 0)
			return cli_fail(EC_EXIT_USAGE, "cli.help_problems|value=%s", a->positional[1]);
		ec_buf_init(&b, 0);
		if (a->npositional > 1)
			ec_problem_codes_js(&b);
		else
			ec_problem_codes_markdown(&b);
		fputs(b.data, stdout);
		ec_buf_release(&b);
		return EC_EXIT_OK;
	}
	if (!(cmd = find_command(a->positional[0])))
		return no_command(a->positional[0]);
	if (a->npositional > 1 && !(verb = find_verb(cmd, a->positional[1])))
		return cli_fail(EC_EXIT_USAGE, "cli.verb_none|command=%s|verb=%s", cmd->name, a->positional[1]);
	print_usage(stdout, cmd, verb);
	return EC_EXIT_OK;
}

static int version_run(struct cli_args *a)
{
	(void)a;
	printf("echelon %s (schema %d)\n", EC_VERSION_STRING, EC_SCHEMA_VERSION);
	return EC_EXIT_OK;
}

/* "--as" and "--lang" are parsed for every command (--as is checked against
** the command or verb once parsing ends: check_actor). Returns 1 when name
** is one, having taken its value; -1 on a usage error. */
static int global_option(struct cli_args *a, const char *name, const char *eq, int argc, char **argv, int *i)
{
	const char **slot;

	if (strcmp(name, "as") && strcmp(name, "lang"))
		return 0;
	slot = !strcmp(name, "as") ? &a->as : &a->lang;
	if (*slot) {
		cli_usage(a, "cli.option_twice|option=--%s", name);
		return -1;
	}
	if (eq) {
		*slot = eq + 1;
	} else if (*i + 1 < argc) {
		*slot = argv[++*i];
	} else {
		cli_usage(a, "cli.option_value|option=--%s|arg=%s", name, !strcmp(name, "as") ? "USER" : "en|zh");
		return -1;
	}
	return 1;
}

/* The missing positional argument named from the usage line's words. */
static int missing_argument(const struct cli_args *a, const char *usage, int have)
{
	char words[256], *w = words, *save = NULL, *tok;
	int i = 0;

	snprintf(words, sizeof words, "%s", usage);
	while ((tok = strtok_r(w, " \n", &save)) != NULL) {
		w = NULL;
		if (tok[0] == '-' || tok[0] == '[')
			break;
		if (i++ == have)
			return cli_usage(a, "cli.argument_missing|name=%s", tok);
	}
	return cli_usage(a, "cli.argument_missing|name=?");
}

/* Checks the verb of a command with verbs: known, its arguments counted,
** and every option given one the verb takes. */
static int check_verb(struct cli_args *a)
{
	const struct cli_command *cmd = a->cmd;
	char verbs[256];
	int have;

	if (a->npositional == 0)
		return cli_usage(a, "cli.verb_missing|expected=%s", verb_list(cmd, 0, verbs, sizeof verbs));
	if (!(a->verb = find_verb(cmd, a->positional[0]))) {
		const char *hint = closest(a->positional[0], verb_name, cmd->verbs, count_verbs(cmd));
		if (hint)
			return cli_usage(a, "cli.verb_hint|value=%s|expected=%s|hint=%s", a->positional[0],
					 verb_list(cmd, 0, verbs, sizeof verbs), hint);
		return cli_usage(a, "field.enum|value=%s|expected=%s", a->positional[0], verb_list(cmd, 0, verbs, sizeof verbs));
	}
	have = a->npositional - 1;
	if (have < a->verb->min_args)
		return missing_argument(a, a->verb->usage, have);
	if (have > a->verb->max_args)
		return cli_usage(a, "cli.argument_unexpected|value=%s", a->positional[a->verb->max_args + 1]);
	for (int k = 0; cmd->options[k].name; k++) {
		const struct cli_verb *v;
		if (!a->values[k] || listed(a->verb->options, cmd->options[k].name))
			continue;
		for (v = cmd->verbs; v->name && !listed(v->options, cmd->options[k].name); v++)
			;
		if (v->name)
			return cli_usage(a, "cli.option_verb_for|option=--%s|command=%s %s|for=%s %s", cmd->options[k].name,
					 cmd->name, a->verb->name, cmd->name, v->name);
		return cli_usage(a, "cli.option_verb|option=--%s|command=%s %s", cmd->options[k].name, cmd->name,
				 a->verb->name);
	}
	return EC_EXIT_OK;
}

/* --as USER takes effect only where an actor's role and scope are applied:
** the commands and verbs marked CLI_ACTS. Anywhere else it is refused, so
** that no one believes a read was limited to an account's rights. */
static int check_actor(const struct cli_args *a)
{
	char what[64];

	if (!a->as || (a->verb ? a->verb->acts : a->cmd->acts))
		return EC_EXIT_OK;
	snprintf(what, sizeof what, "%s%s%s", a->cmd->name, a->verb ? " " : "", a->verb ? a->verb->name : "");
	return cli_usage(a, "cli.as_reads|command=%s", what);
}

static int parse_args(const struct cli_command *cmd, int argc, char **argv, struct cli_args *a)
{
	int only_positional = 0;

	memset(a, 0, sizeof *a);
	a->cmd = cmd;
	for (int i = 0; i < argc; i++) {
		const char *arg = argv[i];
		if (!only_positional && strcmp(arg, "-o") == 0 && option_index(cmd, "output") >= 0)
			arg = "--output"; /* the one short option: -o FILE, where a command writes a file */
		if (!only_positional && strcmp(arg, "--") == 0) {
			only_positional = 1;
		} else if (!only_positional && strncmp(arg, "--", 2) == 0) {
			char name[64];
			const char *eq = strchr(arg + 2, '=');
			size_t n = eq ? (size_t)(eq - arg - 2) : strlen(arg + 2);
			int k, g;

			snprintf(name, sizeof name, "%.*s", (int)n, arg + 2);
			if (strcmp(name, "help") == 0) {
				print_usage(stdout, cmd, a->npositional ? find_verb(cmd, a->positional[0]) : NULL);
				return 1;
			}
			if ((g = global_option(a, name, eq, argc, argv, &i)) != 0) {
				if (g < 0)
					return -1;
				continue;
			}
			k = option_index(cmd, name);
			if (k < 0) {
				size_t nopts = 0;
				const char *hint;
				while (cmd->options[nopts].name)
					nopts++;
				hint = closest(name, option_name, cmd->options, nopts);
				if (hint)
					cli_usage(a, "cli.option_hint|option=--%s|hint=--%s", name, hint);
				else
					cli_usage(a, "cli.option_unknown|option=--%s", name);
				return -1;
			}
			if (a->values[k]) {
				cli_usage(a, "cli.option_twice|option=--%s", name);
				return -1;
			}
			if (!cmd->options[k].arg) {
				if (eq) {
					cli_usage(a, "cli.option_no_value|option=--%s", name);
					return -1;
				}
				a->values[k] = "";
			} else if (eq) {
				a->values[k] = eq + 1;
			} else if (i + 1 < argc) {
				a->values[k] = argv[++i];
			} else {
				cli_usage(a, "cli.option_value|option=--%s|arg=%s", name, cmd->options[k].arg);
				return -1;
			}
		} else if (!only_positional && arg[0] == '-' && arg[1]) {
			cli_usage(a, "cli.option_spelling|option=%s", arg);
			return -1;
		} else {
			if (a->npositional >= CLI_MAX_ARGS || (!cmd->verbs && a->npositional >= cmd->max_args)) {
				cli_usage(a, "cli.argument_unexpected|value=%s", arg);
				return -1;
			}
			a->positional[a->npositional++] = arg;
		}
	}
	if (cmd->verbs) {
		if (check_verb(a) != EC_EXIT_OK)
			return -1;
	} else if (a->npositional < cmd->min_args) {
		missing_argument(a, cmd->usage, a->npositional);
		return -1;
	}
	return check_actor(a) == EC_EXIT_OK ? 0 : -1;
}

int main(int argc, char **argv)
{
	static const char *const flags[] = { "--version", "--help" };
	const struct cli_command *cmd;
	struct cli_args args;
	int rc;

	cli_lang_from_env();
	for (size_t i = 0; i < NCOMMANDS; i++) {
		int n = 0;
		while (commands[i]->options[n].name)
			n++;
		if (n > 64) { /* struct cli_args holds 64 option values */
			fprintf(stderr, "echelon: internal error: command %s has %d options, at most 64\n", commands[i]->name, n);
			return EC_EXIT_FAIL;
		}
	}
	if (argc < 2) {
		print_overview(stderr);
		return EC_EXIT_USAGE;
	}
	if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "-V") == 0)
		return version_run(NULL);
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		print_overview(stdout);
		return EC_EXIT_OK;
	}
	cmd = find_command(argv[1]);
	if (!cmd && strncmp(argv[1], "--", 2) == 0) {
		const char *hint = closest(argv[1], flag_name, flags, 2);
		if (hint)
			return cli_fail(EC_EXIT_USAGE, "cli.option_hint|option=%s|hint=%s", argv[1], hint);
		return cli_fail(EC_EXIT_USAGE, "cli.option_unknown|option=%s", argv[1]);
	}
	if (!cmd)
		return no_command(argv[1]);
	rc = parse_args(cmd, argc - 2, argv + 2, &args);
	if (rc)
		return rc > 0 ? EC_EXIT_OK : EC_EXIT_USAGE;
	if ((rc = cli_set_lang(&args)) != EC_EXIT_OK)
		return rc;
	return args.verb ? args.verb->run(&args) : cmd->run(&args);
}
