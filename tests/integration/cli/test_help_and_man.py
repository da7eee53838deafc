"""--version and --help as packagers and scripts read them, and the man page kept in step with --help
(docs/man/accessdesk-cli.1 is written by hand, so a new or removed option must fail here)."""
import os
import re
import unittest

from clitest import HERE, OK, CliTestCase

ROOT = os.path.normpath(os.path.join(HERE, os.pardir, os.pardir, os.pardir))
MAN_PAGE = os.path.join(ROOT, "docs", "man", "accessdesk-cli.1")


def project_version():
    with open(os.path.join(ROOT, "CMakeLists.txt"), encoding="utf-8") as cmake:
        return re.search(r"project\(AccessDesk\s+VERSION\s+(\S+)", cmake.read()).group(1)


def man_text():
    """The man page's words without roff: escaped hyphens as hyphens, no font changes, no quotes."""
    with open(MAN_PAGE, encoding="utf-8") as page:
        text = page.read()
    text = re.sub(r"\\f[BIRP]", "", text).replace("\\-", "-").replace('"', "")
    return text


def man_options(text):
    """The options the man page's OPTIONS section describes (each is the first word of a .TP tag)."""
    section = text.split("\n.SH OPTIONS\n", 1)[1].split("\n.SH ", 1)[0]
    options = set()
    for tag in re.findall(r"^\.TP\n\.(?:B|BI|BR) (.*)$", section, re.MULTILINE):
        options.update(re.findall(r"--[\w-]+", tag))
    return options


class HelpAndVersion(CliTestCase):
    SIM_ARGS = None  # nothing here talks to a server

    def test_version_names_the_program_and_the_project_version(self):
        for args in (("--version",), ("version",)):
            with self.subTest(args=args):
                run = self.cli(*args)
                self.assertExit(run, OK)
                self.assertEqual(run.stdout, f"accessdesk-cli {project_version()}\n")
                self.assertEqual(run.stderr, "")

    def test_help_goes_to_stdout_and_names_the_program(self):
        run = self.cli("--help")
        self.assertExit(run, OK)
        self.assertEqual(run.stderr, "")
        self.assertRegex(run.stdout, r"^Usage: \S*accessdesk-cli \[options\] COMMAND")

    def test_the_man_page_describes_every_option_of_help_and_no_other(self):
        run = self.cli("--help")
        self.assertExit(run, OK)
        help_options = set(re.findall(r"^\s+(?:-\w, )?(--[\w-]+)", run.stdout, re.MULTILINE))
        self.assertIn("--password-env", help_options)  # the parse found the options at all
        self.assertEqual(man_options(man_text()), help_options)

    def test_the_man_page_describes_every_command_of_help(self):
        run = self.cli("--help")
        self.assertExit(run, OK)
        commands_part = run.stdout.split("Commands:\n", 1)[1].split("\n\n", 1)[0]
        commands = re.findall(r"^  ([a-z][\w-]*(?: [a-z][\w-]*)?)", commands_part, re.MULTILINE)
        self.assertIn("tokens revoke", commands)
        man_commands = man_text().split("\n.SH COMMANDS\n", 1)[1].split("\n.SH ", 1)[0]
        for command in commands:
            with self.subTest(command=command):
                self.assertRegex(man_commands, rf"(?m)^\.BI? {re.escape(command)}\b")

    def test_the_man_page_names_the_project_version(self):
        self.assertIn(f"AccessDesk {project_version()}", man_text())


if __name__ == "__main__":
    unittest.main()
