"""Both programs speak the user's language: the one chosen in the settings (preferences/language in
profiles.ini, which the app's Preferences write and the CLI reads too), else the system's
(LANGUAGE, LC_ALL, LANG), else English. Qt's own words (the app's --help) follow the same choice."""
import os
import subprocess
import unittest

from clitest import OK, USAGE, CliTestCase

GERMAN_HELP = "Ein gespeichertes Verbindungsprofil verwenden."
FRENCH_HELP = "Utiliser un profil de connexion enregistré."
ENGLISH_HELP = "Use a saved connection profile."


class Languages(CliTestCase):
    SIM_ARGS = None

    def app(self, *args, env):
        done = subprocess.run([os.environ["ACCESSDESK_APP"], *args],
                              env=self.cli_env({"QT_QPA_PLATFORM": "offscreen", **env}),
                              stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=60)
        return done

    def choose_in_settings(self, language):
        folder = os.path.join(self.config_home, "AccessDesk", "AccessDesk")
        os.makedirs(folder, exist_ok=True)
        with open(os.path.join(folder, "profiles.ini"), "w", encoding="utf-8") as settings:
            settings.write(f"[preferences]\nlanguage={language}\n")

    def test_cli_follows_the_system_language(self):
        for env, expected in (({"LC_ALL": "de_DE.UTF-8"}, GERMAN_HELP),
                              ({"LANGUAGE": "fr"}, FRENCH_HELP),
                              ({"LANGUAGE": "ja"}, ENGLISH_HELP),
                              ({}, ENGLISH_HELP)):
            with self.subTest(env=env):
                run = self.cli("--help", env=env)
                self.assertEqual(run.code, OK, run)
                self.assertIn(expected, run.stdout)

    def test_cli_errors_are_translated(self):
        run = self.cli("--server", "http://127.0.0.1:9", "--timeout", "soon", "probe",
                       env={"LANGUAGE": "de"})
        self.assertFailsPlainly(run, USAGE)
        self.assertIn("--timeout erwartet eine Anzahl Sekunden von 1 bis 3600", run.stderr)

    def test_the_setting_wins_over_the_system(self):
        self.choose_in_settings("fr")
        run = self.cli("--help", env={"LANGUAGE": "de"})
        self.assertIn(FRENCH_HELP, run.stdout)
        self.assertNotIn(GERMAN_HELP, run.stdout)
        app = self.app("--help", env={"LANGUAGE": "de"})
        self.assertEqual(app.returncode, 0, app.stderr)
        self.assertIn("Consulter et révoquer les accès sur Jira Data Center.", app.stdout)

    def test_reading_the_setting_creates_no_files(self):
        self.cli("--help", env={"LANGUAGE": "de"})
        self.app("--help", env={"LANGUAGE": "de"})
        self.assertEqual(os.listdir(self.config_home), [])

    def test_the_app_and_qts_own_words_follow(self):
        app = self.app("--help", env={"LANGUAGE": "de"})
        self.assertEqual(app.returncode, 0, app.stderr)
        self.assertIn("Zugriffe in Jira Data Center einsehen und widerrufen.", app.stdout)
        # From Qt's own catalogue (qt6-translations-l10n), not from AccessDesk's.
        self.assertIn("Zeigt Hilfe zu den Kommandozeilenoptionen an.", app.stdout)


if __name__ == "__main__":
    unittest.main()
