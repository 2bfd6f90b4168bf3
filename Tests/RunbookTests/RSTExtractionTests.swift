import Foundation
import Testing

/// Steps extracted from the seed procedures as written (no annotations yet);
/// Fixtures/seeds holds verbatim copies of ../shared/seeds.
@Suite struct RSTExtractionTests {
    func plan(_ seed: String) throws -> String {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.copyItem(atPath: TestSupport.packageRoot + "/Tests/RunbookTests/Fixtures/seeds/" + seed, toPath: dir + "/seed.rst")
        let result = try TestSupport.runbook(["plan", "seed.rst", "--format", "json"], in: dir)
        guard result.status == 0 else { throw TestFailure(result.stderr) }
        return result.stdout
    }

    struct Plan: Decodable {
        struct Step: Decodable {
            struct Command: Decodable { var text: String; var line: Int }
            var id: String
            var kind: String
            var commands: [Command]
        }
        var title: String
        var steps: [Step]
    }

    @Test func theDjangoUpdatePage() throws {
        let plan = try JSONDecoder().decode(Plan.self, from: Data(try plan("django-update.rst").utf8))
        #expect(plan.title == "Mises à jour")
        #expect(plan.steps.map(\.id) == [
            "informer-les-utilisateurs", "arreter-l-instance", "activer-l-environnement-virtuel-adequat",
            "faire-une-sauvegarde-des-donnees", "installer-le-nouveau-code", "faire-la-mise-a-jour-des-dependances",
            "lancer-les-migrations", "installer-les-fichiers-statiques", "relancer-l-instance", "informer-les-utilisateurs-2",
        ])
        let commands = plan.steps.flatMap { $0.commands.map { "\($0.line): \($0.text)" } }
        #expect(commands == [
            "29: poetry env info --path",
            "40: python manage.py backup",
            "48: python manage.py dumpdata -a --natural-foreign -e assetplusconnect -e extable -e admin.Logentry -e contenttypes -e sessions -e auth.Permission -o ~/the_file_name.json.bz2",
            "72: git checkout #.#.#",
            "80: poetry install --no-root -E ldap",
            "89: python manage.py migrate",
            "96: python manage.py collectstatic",
        ])
        #expect(plan.steps.map(\.kind) == ["manual", "manual", "command", "command", "command", "command", "command", "command", "manual", "manual"])
    }

    @Test func theEMajUpgradePage() throws {
        let plan = try JSONDecoder().decode(Plan.self, from: Data(try plan("emaj-upgrade.rst").utf8))
        #expect(plan.title == "Mise à jour d'une version E-Maj existante")
        let commands = plan.steps.flatMap { $0.commands.map(\.text) }
        #expect(commands.contains("CREATE EXTENSION emaj FROM unpackaged;"))
        #expect(commands.contains("ALTER EXTENSION emaj UPDATE;"))
        #expect(commands.contains("\\i <répertoire_ancien_emaj>/sql/uninstall.sql\n\nCREATE EXTENSION emaj;"))
        #expect(!commands.contains { $0.contains("successfully upgraded") }, "the doctest block shows output, it is not a command")
    }
}
