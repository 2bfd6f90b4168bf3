import Foundation
import Testing
@testable import Extraction
import MarkdownReader
import RSTReader
import RunbookCore
import StepAST

/// Every reading decision is taken by a named pass of the registry: each pass
/// decides on its example (in both formats where both have the construct) and
/// decides nothing once switched off; with every pass off, nothing runs but
/// what annotations say; and every code block of a real page is accounted for.
@Suite struct ReadingPassExampleTests {
    struct Example: CustomStringConvertible, Sendable {
        var pass: ReadingPass
        var format: String
        var text: String
        var description: String { "\(pass.rawValue) (\(format))" }
    }

    static func md(_ pass: ReadingPass, _ text: String) -> Example { Example(pass: pass, format: "md", text: text) }
    static func rst(_ pass: ReadingPass, _ text: String) -> Example { Example(pass: pass, format: "rst", text: text) }

    static let examples: [Example] = [
        rst(.directiveInLiteral, "P\n=\n\nStep\n----\n\n::\n\n    make install\n    .. warning:: not as root\n"),
        rst(.highlightDirective, "P\n=\n\n.. highlight:: none\n\nStep\n----\n\n::\n\n    sudo systemctl restart app\n"),
        md(.consolePrompts, "# P\n\n## Step\n\n```\n$ make install\nok\n```\n"),
        rst(.consolePrompts, "P\n=\n\nStep\n----\n\n::\n\n    $ make install\n    ok\n"),
        md(.blockLanguage, "# P\n\n## Step\n\n```bash\nmake install\n```\n"),
        rst(.blockLanguage, "P\n=\n\nStep\n----\n\n.. code-block:: bash\n\n    make install\n"),
        md(.sqlBlocks, "# P\n\n## Step\n\n```\nALTER TABLE t ADD COLUMN c int;\n```\n"),
        rst(.sqlBlocks, "P\n=\n\nStep\n----\n\n::\n\n    ALTER TABLE t ADD COLUMN c int;\n"),
        md(.blockContent, "# P\n\n## Step\n\n```\nsudo systemctl restart app\n```\n"),
        rst(.blockContent, "P\n=\n\nStep\n----\n\n::\n\n    sudo systemctl restart app\n"),
        md(.fileExcerpts, "# P\n\n## Step\n\n```bash\nDB_HOST=db1\nDB_PORT=5432\n```\n"),
        rst(.fileExcerpts, "P\n=\n\nStep\n----\n\n.. code-block:: python\n\n    DEBUG = False\n    ALLOWED_HOSTS = ['app']\n"),
        md(.trailingOutput, "# P\n\n## Find the password\n\n```bash\ndocker-compose logs app | grep -A1 root\n\napp_1  | [example.com:443] info: Username: root\napp_1  | [example.com:443] info: User password: abcdefgh\n```\n"),
        rst(.trailingOutput, "P\n=\n\nFind the key\n------------\n\n.. code-block:: bash\n\n    cat ./keys/*.txt\n\n    Key for example.org: v=DKIM1; k=rsa\n"),
        md(.directoryTrees, "# P\n\n## Step\n\n```bash\n/srv/app\n├── conf\n└── data\n```\n"),
        md(.announcedOutput, "# P\n\n## Step\n\nRun it:\n\n```\n$ app check\n```\n\nYou should see:\n\n```\napp check\n```\n"),
        rst(.announcedOutput, "P\n=\n\nStep\n----\n\nYou should see::\n\n    app check\n"),
        md(.announcedExample, "# P\n\n## Step\n\n```bash\napp restore FILE\n```\n\nFor example:\n\n```bash\napp restore /backup/app.tar\n```\n"),
        md(.announcedFileContent, "# P\n\n## Step\n\nAdd the following lines to the crontab:\n\n```bash\nsudo systemctl restart app\n```\n"),
        md(.namedFile, "# P\n\n## Step\n\nEdit `/etc/app.conf`:\n\n```ini\n[db]\nhost = db1\n```\n"),
        rst(.namedFile, "P\n=\n\nStep\n----\n\nEdit ``/etc/app.conf``:\n\n.. code-block:: ini\n\n    [db]\n    host = db1\n"),
        rst(.announcedCommand, "P\n=\n\nStep\n----\n\nLancer la commande :\n\n    poetry install\n"),
        md(.referenceLists, "# P\n\n## Step\n\n```bash\nsystemctl start app\nsystemctl stop app\nsystemctl restart app\n```\n"),
        md(.clientSessions, "# P\n\n## Step\n\n```bash\nsudo -u postgres psql\nCREATE DATABASE app;\n\\q\n```\n"),
        md(.inlineCommands, "# P\n\n## Set up\n\nIn the application root, run `composer install --no-dev` to generate a key.\n"),
        rst(.inlineCommands, "P\n=\n\nSet up\n------\n\nIn the application root, run ``composer install --no-dev`` to generate a key.\n"),
        rst(.definitionLists, "P\n=\n\nCommands\n--------\n\n``app build``\n    Builds the image.\n\n    .. code-block:: bash\n\n        app build --all\n\n``app up``\n    Starts it.\n"),
        md(.contentTabs, "# P\n\n## Install\n\n=== \"Ubuntu\"\n\n    ```bash\n    apt-get install -y app\n    ```\n\n=== \"Fedora\"\n\n    ```bash\n    dnf install -y app\n    ```\n"),
        rst(.contentTabs, "P\n=\n\nInstall\n-------\n\n.. tabs::\n\n   .. tab:: Ubuntu\n\n      .. code-block:: bash\n\n         apt-get install -y app\n\n   .. tab:: Fedora\n\n      .. code-block:: bash\n\n         dnf install -y app\n"),
        md(.detailsBlocks, "# P\n\n## Switch\n\n<details>\n<summary>From a package</summary>\n\n```bash\napt-get remove -y app\n```\n\n</details>\n\n<details>\n<summary>From Docker</summary>\n\n```bash\ndocker rm -f app\n```\n\n</details>\n"),
        md(.platformLabels, "# P\n\n## Install\n\n**Debian**\n\n```bash\napt-get install -y app\n```\n\n**Red Hat**\n\n```bash\ndnf install -y app\n```\n"),
        md(.blockLabels, "# P\n\n## Pull the image\n\nCommunity edition:\n\n```\ndocker pull app/app:latest\n```\n\nEnterprise edition:\n\n```\ndocker pull app/app-enterprise:latest\n```\n"),
        rst(.blockLabels, "P\n=\n\nPull the image\n--------------\n\nCommunity edition::\n\n    docker pull app/app:latest\n\nEnterprise edition::\n\n    docker pull app/app-enterprise:latest\n"),
        md(.containerNames, "# P\n\n## Start\n\n```\ndocker run -d -p 3000:3000 --name=app app/app\n```\n\nTo run it on another port, say 12345:\n\n```\ndocker run -d -p 12345:3000 --name=app app/app\n```\n"),
        md(.containerNames, "# P\n\n## Start\n\n```sh\ndocker run -d -p 3478:3478 coturn/coturn\n```\n\nOr with the host network:\n\n```sh\ndocker run -d --network=host coturn/coturn\n```\n"),
        md(.valuesFromOutput, "# P\n\n## Restore\n\n```console\n$ restic -r /srv/repo snapshots\nID        Date                 Host\n79766175  2015-05-08 21:40:19  kasimir\n```\n\nRestore it:\n\n```console\n$ restic -r /srv/repo restore 79766175 --target /tmp/restore\n```\n"),
        rst(.valuesFromOutput, "P\n=\n\nRestore\n-------\n\n.. code-block:: console\n\n    $ restic -r /srv/repo snapshots\n    ID        Date                 Host\n    79766175  2015-05-08 21:40:19  kasimir\n\nRestore it:\n\n.. code-block:: console\n\n    $ restic -r /srv/repo restore 79766175 --target /tmp/restore\n"),
        rst(.containerNames, "P\n=\n\nStart\n-----\n\n::\n\n    docker run -d -p 3000:3000 --name=app app/app\n\nTo run it on another port, say 12345::\n\n    docker run -d -p 12345:3000 --name=app app/app\n"),
        md(.archiveFormats, "# P\n\n## Extract\n\n```bash\nmkdir /srv/app\nunzip app-1.2.zip -d /srv/app\n\n# the tar.gz file extracts with:\ntar -xvf app-1.2.tar.gz -C /srv/app\n```\n"),
        rst(.archiveFormats, "P\n=\n\nExtract\n-------\n\n.. code-block:: bash\n\n    mkdir /srv/app\n    unzip app-1.2.zip -d /srv/app\n\n    # the tar.gz file extracts with:\n    tar -xvf app-1.2.tar.gz -C /srv/app\n"),
        md(.linePlatforms, "# P\n\n## Install\n\n```bash\napt-get install -y app  # on Debian\ndnf install -y app  # on Red Hat\n```\n"),
        md(.commentAlternatives, "# P\n\n## Repositories\n\nEnable it by one of the following ways:\n\n```bash\nsudo dnf -y install epel-release\n# AlmaLinux 8\nsudo dnf config-manager --set-enabled powertools\n# AlmaLinux 9\nsudo dnf config-manager --set-enabled crb\n```\n"),
        rst(.commentAlternatives, "P\n=\n\nRepositories\n------------\n\nEnable it by one of the following ways::\n\n    sudo dnf -y install epel-release\n    # AlmaLinux 8\n    sudo dnf config-manager --set-enabled powertools\n    # AlmaLinux 9\n    sudo dnf config-manager --set-enabled crb\n"),
        md(.commentAlternatives, "# P\n\n## Permissions\n\n```bash\n# If using NGINX or Apache (not on CentOS)\nchown -R www-data:www-data /var/www/app\n\n# If using NGINX on CentOS\nchown -R nginx:nginx /var/www/app\n```\n"),
        md(.parallelSections, "# P\n\n## Latest repository\n\n```bash\nsudo dnf config-manager setopt app*.enabled=0\nsudo dnf config-manager setopt app-latest.enabled=1\nsudo dnf install app\n```\n\n## Legacy repository\n\n```bash\nsudo dnf config-manager setopt app*.enabled=0\nsudo dnf config-manager setopt app-legacy.enabled=1\nsudo dnf install app\n```\n"),
        rst(.parallelSections, "P\n=\n\nLatest repository\n-----------------\n\n::\n\n    sudo dnf config-manager setopt app*.enabled=0\n    sudo dnf config-manager setopt app-latest.enabled=1\n    sudo dnf install app\n\nLegacy repository\n-----------------\n\n::\n\n    sudo dnf config-manager setopt app*.enabled=0\n    sudo dnf config-manager setopt app-legacy.enabled=1\n    sudo dnf install app\n"),
        md(.alternativeParagraphs, "# P\n\n## Get it\n\n```bash\ngit clone https://example.org/app.git\n```\n\nAlternatively, download the archive:\n\n```bash\ncurl -O https://example.org/app.tar.gz\n```\n"),
        md(.repeatedBlocks, "# P\n\n## Build\n\n```bash\n./configure && make && sudo make install-conf\n```\n\nOr with the rules:\n\n```bash\n./configure && make && sudo make install-rules\n```\n"),
        rst(.repeatedBlocks, "P\n=\n\nBuild\n-----\n\n::\n\n    ./configure && make && sudo make install-conf\n\n::\n\n    ./configure && make && sudo make install-rules\n"),
        md(.taskLabels, "# P\n\n## Backup and restore\n\n```bash\napp dump > app.sql\n```\n\nTo restore, load the dump:\n\n```bash\napp load < app.sql\n```\n"),
        md(.alternativeSections, "# P\n\n## Installing on Debian\n\n```bash\napt-get install -y app\n```\n\n## Installing on Red Hat\n\n```bash\ndnf install -y app\n```\n"),
        rst(.alternativeSections, "P\n=\n\nInstalling on Debian\n--------------------\n\n.. code-block:: bash\n\n    apt-get install -y app\n\nInstalling on Red Hat\n---------------------\n\n.. code-block:: bash\n\n    dnf install -y app\n"),
        md(.releaseLabels, "# P\n\n## Install\n\nFor EL7 run:\n\n```bash\nyum install -y app\n```\n\nAnd for EL8 and newer:\n\n```bash\ndnf install -y app\n```\n"),
        rst(.releaseLabels, "P\n=\n\nInstall\n-------\n\nFor EL 7 run::\n\n    yum install -y app\n\nand for EL 8-10::\n\n    dnf install -y app\n"),
        md(.taskCollections, "# Database management\n\n## Initialization\n\n```bash\napp db init\n```\n\n## Cleaning\n\n```bash\napp db clean\n```\n"),
        rst(.taskCollections, "Admin commands\n==============\n\nReset a password\n----------------\n\n.. code-block:: bash\n\n    app user reset-password alice\n\nDelete a user\n-------------\n\n.. code-block:: bash\n\n    app user delete bob\n"),
        md(.oppositeTasks, "# P\n\n## Back up the gateway entities\n\n```bash\napp export > app.yaml\n```\n\n## Restore the gateway entities\n\n```bash\napp import app.yaml\n```\n"),
        rst(.oppositeTasks, "P\n=\n\nCreating a backup\n-----------------\n\n.. code-block:: bash\n\n    tar -czf app.tgz /srv/app\n\nRestoring a backup\n------------------\n\n.. code-block:: bash\n\n    tar -xzf app.tgz -C /\n"),
        md(.commandSections, "# P\n\n## `backup-push`\n\n```bash\nwal-g backup-push\n```\n\n## `backup-fetch`\n\n```bash\nwal-g backup-fetch LATEST\n```\n"),
        rst(.commandSections, "P\n=\n\n``app db-upgrade``\n------------------\n\n.. code-block:: bash\n\n    app -c /etc/app.ini db-upgrade\n\n``app db-clean``\n----------------\n\n.. code-block:: bash\n\n    app -c /etc/app.ini db-clean\n"),
        md(.versionSections, "# P\n\n## Ubuntu 24.04 script\n\n```bash\n./install-24.04.sh\n```\n\n## Ubuntu 22.04 script\n\n```bash\n./install-22.04.sh\n```\n"),
        rst(.versionSections, "P\n=\n\nUpdating to v23.02\n------------------\n\n.. code-block:: bash\n\n    app migrate-23\n\nUpdating to v21.04\n------------------\n\n.. code-block:: bash\n\n    app migrate-21\n"),
        md(.otherOSSections, "# P\n\n## Linux\n\n```bash\napt-get install -y app\n```\n\n## macOS\n\n```bash\nbrew install app\n```\n"),
        md(.optionalSections, "# P\n\n## Install\n\n```bash\napt-get install -y app\n```\n\n## Performance configuration (optional)\n\n```bash\napp tune --workers 8\n```\n"),
        rst(.optionalSections, "P\n=\n\nInstall\n-------\n\n::\n\n    apt-get install -y app\n\nOptional: performance configuration\n-----------------------------------\n\n::\n\n    app tune --workers 8\n"),
        rst(.otherOSSections, "P\n=\n\nInstall\n-------\n\n.. tabs::\n\n   .. tab:: Debian\n\n      .. code-block:: bash\n\n         apt-get install -y app\n\n   .. tab:: Windows\n\n      .. code-block:: bash\n\n         choco install app\n"),
        md(.troubleshootingSections, "# P\n\n## Install\n\n```bash\napt-get install -y app\n```\n\n## Troubleshooting\n\n```bash\njournalctl -u app\n```\n"),
        md(.exampleSections, "# P\n\n## Install\n\n```bash\napt-get install -y app\n```\n\n## Configuration examples\n\n### Run it permissive\n\n```bash\nsemanage permissive -a app_t\n```\n"),
        rst(.exampleSections, "P\n=\n\nInstall\n-------\n\n.. code-block:: bash\n\n    apt-get install -y app\n\nExamples\n--------\n\n.. code-block:: bash\n\n    app --permissive\n"),
        md(.informingProse, "# P\n\n## Install\n\n```bash\napt-get install -y app\n```\n\n## Versioning\n\nReleases follow semantic versioning.\n"),
        rst(.tableFootnotes, "P\n=\n\nUpgrade\n-------\n\n.. runbook: rows run=\"app-upgrade {1}\"\n\n+---------+\n| Version |\n+=========+\n| 1.1 (2) |\n+---------+\n| 1.2     |\n+---------+\n\n(1) unused.\n(2) read the notes first.\n"),
        rst(.footnoteLists, "P\n=\n\nUpgrade\n-------\n\n.. runbook: rows run=\"app-upgrade {1}\"\n\n+---------+\n| Version |\n+=========+\n| 1.1 (2) |\n+---------+\n\n(1) unused.\n(2) this has for consequence:\n\n- one\n- two\n"),
        md(.poetryShell, "# P\n\n## Migrate\n\n```console\n$ poetry shell\n$ python manage.py migrate\n```\n"),
        rst(.poetryShell, "P\n=\n\nMigrate\n-------\n\n.. code-block:: console\n\n    $ poetry shell\n    $ python manage.py migrate\n"),
        md(.prosePlaceholders, "# P\n\n## Database\n\nReplace `APP_DBPASS` with a suitable password.\n\n```bash\napp-db --password APP_DBPASS\n```\n"),
        rst(.prosePlaceholders, "P\n=\n\nDatabase\n--------\n\nReplace ``APP_DBPASS`` with a suitable password.\n\n.. code-block:: bash\n\n    app-db --password APP_DBPASS\n"),
        md(.placeholderTokens, "# P\n\n## Add a user\n\n```bash\nsudo prosodyctl register <username> example.org\n```\n"),
        rst(.placeholderTokens, "P\n=\n\nUpgrade\n-------\n\n.. code-block:: bash\n\n    pip install app==|version|\n"),
        md(.shellSyntax, "# P\n\n## Dependencies\n\n```bash\nsudo apt-get install -y libsqlite3 (or sqlite3)\n```\n"),
        rst(.shellSyntax, "P\n=\n\nDependencies\n------------\n\n.. code-block:: bash\n\n    sudo apt-get install -y libsqlite3 (or sqlite3)\n"),
        md(.terminalSession, "# P\n\n## As the app\n\n```console\n$ sudo su - app\n$ make\n$ exit\n```\n"),
        rst(.terminalSession, "P\n=\n\nAs the app\n----------\n\n.. code-block:: console\n\n    $ sudo su - app\n    $ make\n    $ exit\n"),
    ]

    static func read(_ text: String, format: String, passes: Set<ReadingPass>) throws -> Procedure? {
        let source = try SourceFile(path: "p.\(format)", relativePath: "p.\(format)", bytes: Array(text.utf8))
        let document = format == "rst" ? RSTReader.read(source) : MarkdownReader.read(source)
        return ProcedureExtractor.extract(document, name: "p", passes: passes).procedure
    }

    static func passNames(_ procedure: Procedure?) -> Set<String> { Set(procedure?.steps.flatMap { $0.decisions.map(\.pass) } ?? []) }

    @Test(arguments: examples)
    func thePassDecidesItsExampleAndNothingOnceOff(example: Example) throws {
        let all = Set(ReadingPass.allCases)
        let on = try #require(try Self.read(example.text, format: example.format, passes: all))
        #expect(Self.passNames(on).contains(example.pass.rawValue), "\(on.steps.flatMap(\.decisions))")
        let off = try Self.read(example.text, format: example.format, passes: all.subtracting([example.pass]))
        #expect(!Self.passNames(off).contains(example.pass.rawValue))
        #expect(off != on, "switching the pass off changes nothing")
    }

    @Test func everyPassHasAnExample() {
        let covered = Set(Self.examples.map(\.pass))
        #expect(covered == Set(ReadingPass.allCases), "no example: \(Set(ReadingPass.allCases).subtracting(covered).map(\.rawValue))")
    }

    /// The pages of the fidelity corpus and the seeds, read as `build` reads them.
    static func corpus() throws -> [(path: String, format: String, text: String)] {
        let root = TestSupport.packageRoot
        var paths: [String] = []
        for folder in ["Tests/Fidelity/pages", "Tests/Fidelity/working", "docs-src"] {
            guard let walker = FileManager.default.enumerator(atPath: root + "/" + folder) else { continue }
            for case let path as String in walker where path.hasSuffix(".md") || path.hasSuffix(".rst") { paths.append(folder + "/" + path) }
        }
        return try paths.sorted().map { path in
            (path, path.hasSuffix(".rst") ? "rst" : "md", try String(contentsOfFile: root + "/" + path, encoding: .utf8))
        }
    }

    /// A decision taken outside the registry would still be taken with every pass off.
    @Test func withEveryPassOffOnlyAnnotationsDecide() throws {
        let pages = try Self.corpus()
        #expect(pages.count >= 40)
        for page in pages {
            guard let procedure = try Self.read(page.text, format: page.format, passes: []) else { continue }
            let decisions = procedure.steps.flatMap(\.decisions)
            for decision in decisions {
                #expect(["default", "annotation"].contains(decision.pass), "\(page.path):\(decision.line): \(decision.pass)")
                #expect(decision.pass == "annotation" || !decision.outcome.hasPrefix("runs"), "\(page.path):\(decision.line) runs with no pass")
            }
            // A choice a pass found is a parameter with its allowed values.
            let chosen = procedure.parameters.filter { $0.choices != nil }
            #expect(chosen.isEmpty, "\(page.path): a choice with every pass off: \(chosen.map(\.name))")
            // The corpus pages carry no annotation: with every pass off, they run nothing.
            if !page.path.hasPrefix("docs-src") {
                let running = procedure.steps.filter { !$0.skipped }.flatMap(\.commands)
                #expect(running.isEmpty, "\(page.path): runs \(running.map(\.range.start.line)) with every pass off")
            }
        }
    }

    @Test func everyCodeBlockInAStepIsReadByAPass() throws {
        for page in try Self.corpus() {
            let source = try SourceFile(path: page.path, relativePath: page.path, bytes: Array(page.text.utf8))
            let document = page.format == "rst" ? RSTReader.read(source) : MarkdownReader.read(source)
            guard let procedure = ProcedureExtractor.extract(document, name: "p").procedure else { continue }
            let decided = Set(procedure.steps.flatMap { $0.decisions.map(\.line) })
            let known = Set(ReadingPass.allCases.map(\.rawValue)).union(["default", "annotation"])
            for decision in procedure.steps.flatMap(\.decisions) { #expect(known.contains(decision.pass)) }
            var blocks: [Int] = []
            document.root.walk { if case .codeBlock(_, _, let line) = $0.kind { blocks.append(line) } }
            for line in blocks {
                // A block in a step's range (not the title's preamble, not a skipped step) has a decision.
                guard let step = procedure.steps.last(where: { $0.range.start.line <= line && line <= $0.range.end.line }), !step.skipped else { continue }
                #expect(decided.contains(line), "\(page.path):\(line): no pass read this block")
            }
        }
    }
}
