import Foundation
import Testing
@testable import Extraction
import StepAST

/// Choices a page makes without saying "choose": comment headers that say
/// what setup their lines are for, sibling sections that are the same script
/// with other arguments, and blocks a sentence gives to another system. Each
/// in both formats where both have the construct, with the near misses that
/// must stay a sequence.
@Suite struct ChoiceReadingTests {
    /// The commands that would run, each with whether a condition guards it.
    static func runs(_ text: String, _ format: String) throws -> [(text: String, conditioned: Bool)] {
        let procedure = try #require(try ReadingPassExampleTests.read(text, format: format, passes: Set(ReadingPass.allCases)))
        return procedure.steps.filter { !$0.skipped && $0.kind == .command }.flatMap { step in
            step.commands.map { ($0.text, step.condition != nil || $0.condition != nil) }
        }
    }

    static func shown(_ text: String, _ format: String) throws -> [String] {
        let procedure = try #require(try ReadingPassExampleTests.read(text, format: format, passes: Set(ReadingPass.allCases)))
        return procedure.steps.flatMap { $0.shown.map(\.text) }
    }

    static let permissions = [
        ("md", "# P\n\n## Permissions\n\n```bash\n# If using NGINX or Apache (not on CentOS)\nchown -R www-data:www-data /srv/app\n\n# If using NGINX on CentOS\nchown -R nginx:nginx /srv/app\n\n# If using Apache on CentOS\nchown -R apache:apache /srv/app\n```\n"),
        ("rst", "P\n=\n\nPermissions\n-----------\n\n.. code-block:: bash\n\n    # If using NGINX or Apache (not on CentOS)\n    chown -R www-data:www-data /srv/app\n\n    # If using NGINX on CentOS\n    chown -R nginx:nginx /srv/app\n\n    # If using Apache on CentOS\n    chown -R apache:apache /srv/app\n"),
    ]

    @Test(arguments: permissions)
    func commentHeadersThatSayWhatTheirLinesAreForAreOneChoice(format: String, text: String) throws {
        let runs = try Self.runs(text, format)
        #expect(runs.count == 3 && runs.allSatisfy(\.conditioned), "\(runs)")
        // Options one may add beside each other are not a choice.
        let options = text.replacingOccurrences(of: "If using NGINX or Apache (not on CentOS)", with: "If you want TLS")
            .replacingOccurrences(of: "If using NGINX on CentOS", with: "If you want LDAP")
            .replacingOccurrences(of: "If using Apache on CentOS", with: "Then")
        let optional = try Self.runs(options, format)
        #expect(!optional.isEmpty && optional.allSatisfy { !$0.conditioned }, "\(optional)")
    }

    static let eitherCommand = [
        ("md", "# P\n\n## Generate a password\n\nYou can use either of the following commands:\n\n```shell\npwgen -s 50 1\nopenssl rand 60 | base64 -w 0\n```\n"),
        ("rst", "P\n=\n\nGenerate a password\n-------------------\n\nYou can use either of the following commands::\n\n    pwgen -s 50 1\n    openssl rand 60 | base64 -w 0\n"),
    ]

    @Test(arguments: eitherCommand)
    func linesASentenceOffersAsEitherAreOneChoice(format: String, text: String) throws {
        let runs = try Self.runs(text, format)
        #expect(runs.map(\.text) == ["pwgen -s 50 1", "openssl rand 60 | base64 -w 0"] && runs.allSatisfy(\.conditioned), "\(runs)")
        let sequence = try Self.runs(text.replacingOccurrences(of: "You can use either of the following commands", with: "Run the following commands"), format)
        #expect(!sequence.isEmpty && sequence.allSatisfy { !$0.conditioned }, "\(sequence)")
    }

    static let twoApproaches = [
        ("md", "# P\n\n## Run it\n\nThe following two commands show these two approaches:\n\n    app-pi --max-old-space-size=128 --userDir /srv/data\n    node --max-old-space-size=128 red.js --userDir /srv/data\n"),
        ("rst", "P\n=\n\nRun it\n------\n\nThe following two commands show these two approaches::\n\n    app-pi --max-old-space-size=128 --userDir /srv/data\n    node --max-old-space-size=128 red.js --userDir /srv/data\n"),
    ]

    /// "… these two approaches:" before two lines: one way each.
    @Test(arguments: twoApproaches)
    func linesASentenceCallsTwoApproachesAreOneChoice(format: String, text: String) throws {
        let runs = try Self.runs(text, format)
        #expect(runs.count == 2 && runs.allSatisfy(\.conditioned), "\(runs)")
    }

    static let orWays = [
        ("md", "# P\n\n## Restart\n\nRestart it using systemctl, or using appctl,\nor simply reload the configuration:\n\n```sh\nsudo systemctl restart app\nsudo appctl restart\nsudo appctl reload\n```\n"),
        ("md", "# P\n\n## Set up\n\n8. Restart it using systemctl, or using appctl,\n   or simply reload the configuration:\n\n    ```sh\n    sudo systemctl restart app\n    sudo appctl restart\n    sudo appctl reload\n    ```\n"),
        ("rst", "P\n=\n\nSet up\n------\n\n#. Restart it using systemctl, or using appctl,\n   or simply reload the configuration::\n\n       sudo systemctl restart app\n       sudo appctl restart\n       sudo appctl reload\n"),
    ]

    /// A sentence that gives as many ways, joined by "or", as the block has lines:
    /// one line each, in a paragraph or in the list item that holds the block.
    @Test(arguments: orWays)
    func asManyLinesAsTheSentenceGivesWaysAreOneWayEach(format: String, text: String) throws {
        let runs = try Self.runs(text, format)
        #expect(runs.count == 3 && runs.allSatisfy(\.conditioned), "\(runs)")
        // Two ways named, three lines: not read as ways.
        let other = try Self.runs(text.replacingOccurrences(of: ", or using appctl,", with: " and appctl,"), format)
        #expect(!other.isEmpty && other.allSatisfy { !$0.conditioned }, "\(other)")
    }

    static let usingSections = [
        ("md", "# P\n\n## Run it as a service\n\n### Using Systemd\n\n```bash\nsystemctl start app.service\n```\n\n### Using SysV-Init\n\n```bash\nservice app start\n```\n"),
        ("rst", "P\n=\n\nRun it as a service\n-------------------\n\nUsing Systemd\n~~~~~~~~~~~~~\n\n::\n\n    systemctl start app.service\n\nUsing SysV-Init\n~~~~~~~~~~~~~~~\n\n::\n\n    service app start\n"),
    ]

    @Test(arguments: usingSections)
    func siblingSectionsTitledUsingAreOneChoice(format: String, text: String) throws {
        let runs = try Self.runs(text, format)
        #expect(runs.count == 2 && runs.allSatisfy(\.conditioned), "\(runs)")
        let procedure = try #require(try ReadingPassExampleTests.read(text, format: format, passes: Set(ReadingPass.allCases)))
        #expect(procedure.parameters.first { $0.name == "METHOD" }?.choices == ["systemd", "sysv-init"], "\(procedure.parameters)")
    }

    static let repositories = [
        ("md", "# P\n\n## Latest repository\n\n```bash\nsudo dnf config-manager setopt app*.enabled=0\nsudo dnf config-manager setopt app-latest.enabled=1\nsudo dnf install app\n```\n\n## Legacy repository\n\n```bash\nsudo dnf config-manager setopt app*.enabled=0\nsudo dnf config-manager setopt app-legacy.enabled=1\nsudo dnf install app\n```\n"),
        ("rst", "P\n=\n\nLatest repository\n-----------------\n\n::\n\n    sudo dnf config-manager setopt app*.enabled=0\n    sudo dnf config-manager setopt app-latest.enabled=1\n    sudo dnf install app\n\nLegacy repository\n-----------------\n\n::\n\n    sudo dnf config-manager setopt app*.enabled=0\n    sudo dnf config-manager setopt app-legacy.enabled=1\n    sudo dnf install app\n"),
    ]

    @Test(arguments: repositories)
    func siblingSectionsThatAreOneScriptWithOtherArgumentsAreOneChoice(format: String, text: String) throws {
        let runs = try Self.runs(text, format)
        #expect(runs.count == 2 && runs.allSatisfy(\.conditioned), "\(runs)")
        let procedure = try #require(try ReadingPassExampleTests.read(text, format: format, passes: Set(ReadingPass.allCases)))
        #expect(procedure.parameters.first { $0.name == "WAY" }?.choices == ["latest", "legacy"], "\(procedure.parameters)")
    }

    static let commandReference = [
        ("md", "# P\n\nThe tool supports these commands:\n\n## `backup-push`\n\n```bash\nwal-g backup-push\n```\n\n### Journal size\n\n```bash\nwal-g backup-push --count-journals\n```\n\n## `backup-fetch`\n\n```bash\nwal-g backup-fetch LATEST\n```\n\n## `binlog-replay`\n\n```bash\nwal-g binlog-replay --since LATEST\n```\n"),
        ("rst", "P\n=\n\n``backup-push``\n---------------\n\n.. code-block:: bash\n\n    wal-g backup-push\n\n``backup-fetch``\n----------------\n\n.. code-block:: bash\n\n    wal-g backup-fetch LATEST\n\n``wal-g binlog-replay``\n-----------------------\n\n.. code-block:: bash\n\n    wal-g binlog-replay --since LATEST\n"),
    ]

    /// A command reference: sections titled by the subcommands their blocks run are one choice, the sections under them included.
    @Test(arguments: commandReference)
    func sectionsTitledByTheSubcommandTheyRunAreOneChoice(format: String, text: String) throws {
        let runs = try Self.runs(text, format)
        #expect(runs.count == (format == "md" ? 4 : 3) && runs.allSatisfy(\.conditioned), "\(runs)")
        let procedure = try #require(try ReadingPassExampleTests.read(text, format: format, passes: Set(ReadingPass.allCases)))
        #expect(procedure.parameters.first { $0.name == "COMMAND" }?.choices == ["backup-push", "backup-fetch", "binlog-replay"], "\(procedure.parameters)")
    }

    /// Titles in words, or a title another program's command does not match, are no reference.
    @Test func sectionsTitledInWordsOrByAnotherProgramStayInSequence() throws {
        let words = "# P\n\n## Stop it\n\n```bash\napp stop\n```\n\n## Migrate it\n\n```bash\napp migrate\n```\n"
        #expect(try Self.runs(words, "md").allSatisfy { !$0.conditioned })
        let programs = "# P\n\n## `stop`\n\n```bash\nsystemctl stop app\n```\n\n## `migrate`\n\n```bash\napp migrate\n```\n"
        #expect(try Self.runs(programs, "md").allSatisfy { !$0.conditioned })
    }

    /// A collection's title names tasks done one at a time; an instruction ("Run the upgrade commands") does not.
    @Test func sectionsUnderACollectionsTitleAreOneChoiceAndUnderAnInstructionInSequence() throws {
        let collection = "# Database Management\n\n## Initialization\n\n```bash\napp db init\n```\n\n## Cleaning\n\n```bash\napp db clean\n```\n\n## Upgrading\n\n```bash\napp db upgrade\n```\n"
        let runs = try Self.runs(collection, "md")
        #expect(runs.count == 3 && runs.allSatisfy(\.conditioned), "\(runs)")
        let instruction = collection.replacingOccurrences(of: "# Database Management", with: "# Run the database commands")
        #expect(try Self.runs(instruction, "md").allSatisfy { !$0.conditioned })
    }

    static let ways = [
        ("md", "# P\n\n## Automatic HTTPS with Let's Encrypt\n\n```bash\nsudo tljh-config set https.letsencrypt.email me@example.org\n```\n\n## Manual HTTPS with an existing key\n\n```bash\nsudo tljh-config set https.tls.key /etc/mycert/key.pem\n```\n"),
        ("md", "# P\n\n## Create a user\n\n**Docker**\n\n```shell\ndocker exec -it app python manage.py createsuperuser\n```\n\n**Docker Compose**\n\n```shell\ndocker-compose exec app python manage.py createsuperuser\n```\n"),
        ("rst", "P\n=\n\nDocker Compose\n--------------\n\n::\n\n    docker compose pull\n\nUpdating it manually\n--------------------\n\n::\n\n    pip install --upgrade app\n"),
    ]

    /// Automatic and manual ways, Docker and Docker Compose labels: one way each.
    @Test(arguments: ways)
    func automaticAndManualOrDockerAndComposeAreOneChoice(format: String, text: String) throws {
        let runs = try Self.runs(text, format)
        #expect(runs.count == 2 && runs.allSatisfy(\.conditioned), "\(runs)")
    }

    static let printedRightAfter = [
        ("md", "# P\n\n## Add the repository\n\n```sh\nhelm search repo superset\nNAME                    CHART VERSION   APP VERSION     DESCRIPTION\nsuperset/superset       0.1.1           1.0             Apache Superset\n```\n"),
        ("rst", "P\n=\n\nAdd the repository\n------------------\n\n.. code-block:: sh\n\n    helm repo add superset https://apache.github.io/superset\n    \"superset\" has been added to your repositories\n"),
        ("md", "# P\n\n## Test it\n\n```bash\ncurl -u admin http://localhost:9090/metrics\nEnter host password for user 'admin':\n```\n"),
        ("rst", "P\n=\n\nTest it\n-------\n\n.. code-block:: bash\n\n    curl -u admin http://localhost:9090/metrics\n    Enter host password for user 'admin':\n"),
    ]

    static let usingMidTitle = [
        ("md", "# P\n\n## MySQL - using with `xtrabackup`\n\n```bash\nxtrabackup --backup --stream=xbstream | app stream-push\n```\n\n## MySQL - using with `mysqldump`\n\n```bash\nmysqldump --all-databases | app stream-push\n```\n"),
        ("rst", "P\n=\n\nMySQL - using with ``xtrabackup``\n---------------------------------\n\n::\n\n    xtrabackup --backup --stream=xbstream | app stream-push\n\nMySQL - using with ``mysqldump``\n--------------------------------\n\n::\n\n    mysqldump --all-databases | app stream-push\n"),
    ]

    /// Sibling titles that say what they are done with, past their first word, are one choice, METHOD.
    @Test(arguments: usingMidTitle)
    func siblingSectionsDoneWithOtherToolsAreOneChoice(format: String, text: String) throws {
        let runs = try Self.runs(text, format)
        #expect(runs.count == 2 && runs.allSatisfy(\.conditioned), "\(runs)")
        // One title saying so is no choice.
        let one = text.replacingOccurrences(of: "MySQL - using with `mysqldump`", with: "Check the dump")
            .replacingOccurrences(of: "MySQL - using with ``mysqldump``\n--------------------------------", with: "Check the dump\n--------------")
        #expect(try Self.runs(one, format).allSatisfy { !$0.conditioned })
    }

    static let anotherUse = [
        ("md", "# P\n\n## Restore\n\n```console\n$ restic -r /srv/repo restore 7976 --target /tmp/restore\n```\n\nYou can also combine `latest` with the `--host` filter:\n\n```console\n$ restic -r /srv/repo restore latest --host luigi --target /tmp/restore\n```\n"),
        ("rst", "P\n=\n\nRestore\n-------\n\n.. code-block:: console\n\n    $ restic -r /srv/repo restore 7976 --target /tmp/restore\n\nYou can also combine ``latest`` with the ``--host`` filter:\n\n.. code-block:: console\n\n    $ restic -r /srv/repo restore latest --host luigi --target /tmp/restore\n"),
    ]

    /// "You can also …" before the program and subcommand the step already ran: another use shown, not a second run.
    @Test(arguments: anotherUse)
    func anotherUseOfACommandTheStepGaveIsShown(format: String, text: String) throws {
        #expect(try Self.runs(text, format).map(\.text) == ["restic -r /srv/repo restore 7976 --target /tmp/restore"])
        // Another program after "You can also" runs.
        let other = text.replacingOccurrences(of: "$ restic -r /srv/repo restore latest --host luigi --target /tmp/restore", with: "$ ls /tmp/restore")
        #expect(try Self.runs(other, format).count == 2)
    }

    /// "Then add these lines to the end of the file:": the block is the file's lines, not commands.
    @Test(arguments: [
        ("md", "# P\n\n## Mount at boot\n\nThen add these lines to the end of the file:\n\n```bash\nUUID=\"cea0b7ae\" /mnt/hdd ext4 defaults,nofail 0 0\n/mnt/hdd/var/mail /var/mail none defaults,bind 0 0\n```\n"),
        ("rst", "P\n=\n\nMount at boot\n-------------\n\nThen add these lines to the end of the file:\n\n.. code-block:: bash\n\n    UUID=\"cea0b7ae\" /mnt/hdd ext4 defaults,nofail 0 0\n    /mnt/hdd/var/mail /var/mail none defaults,bind 0 0\n"),
    ])
    func linesASentenceAddsToAFileAreShown(format: String, text: String) throws {
        #expect(try Self.runs(text, format).isEmpty)
        #expect(try Self.shown(text, format).count == 1)
    }

    /// Lines right after one command that are a table's rows, a quoted message or a question are what it prints.
    @Test(arguments: printedRightAfter)
    func tableRowsOrAQuotedMessageRightAfterACommandAreOutput(format: String, text: String) throws {
        #expect(try Self.runs(text, format).count == 1)
        #expect(try Self.shown(text, format).count == 1)
        // Two commands, aligned in columns or not, both run.
        let two = "# P\n\n## Set up\n\n```sh\nhelm repo add superset https://apache.github.io/superset\nhelm repo update\n```\n"
        #expect(try Self.runs(two, "md").map(\.text) == ["helm repo add superset https://apache.github.io/superset\nhelm repo update"])
        #expect(try Self.shown(two, "md").isEmpty)
    }

    static let exampleEndingAParagraph = [
        ("md", "# P\n\n## Restore\n\n```console\n$ restic -r /srv/repo restore 7976 --target /tmp/restore\n```\n\nUse `--include` to restrict the restore. For example, to restore a single file:\n\n```console\n$ restic -r /srv/repo restore 7976 --target /tmp/restore --include /home/foo\n```\n"),
        ("rst", "P\n=\n\nRestore\n-------\n\n.. code-block:: console\n\n    $ restic -r /srv/repo restore 7976 --target /tmp/restore\n\nUse ``--include`` to restrict the restore. For example, to restore a single file:\n\n.. code-block:: console\n\n    $ restic -r /srv/repo restore 7976 --target /tmp/restore --include /home/foo\n"),
    ]

    /// A paragraph that ends "For example, …:" before the same program and subcommand the step ran: an example, shown.
    @Test(arguments: exampleEndingAParagraph)
    func aParagraphEndingForExampleBeforeTheSameCommandShowsIt(format: String, text: String) throws {
        #expect(try Self.runs(text, format).count == 1)
        let other = text.replacingOccurrences(of: "restore 7976 --target /tmp/restore --include", with: "check --read-data --include")
        #expect(try Self.runs(other, format).count == 2, "another subcommand is no example of the first")
    }

    static let toolKinds = [
        ("md", "# P\n\n## Firewall\n\n### Uncomplicated Firewall (ufw)\n\n```bash\nsudo ufw allow app\n```\n\n### Firewalld\n\n```bash\nsudo firewall-cmd --add-service=app --permanent\nsudo firewall-cmd --reload\n```\n"),
        ("rst", "P\n=\n\nProxy\n-----\n\nNginx\n~~~~~\n\n.. code-block:: bash\n\n    sudo cp app.nginx /etc/nginx/sites-enabled/app\n\nApache\n~~~~~~\n\n.. code-block:: bash\n\n    sudo a2ensite app\n"),
    ]

    /// Sibling sections that each name a tool of one kind (firewalls, init systems, web servers) are one choice of that kind.
    @Test(arguments: toolKinds)
    func sectionsNamingToolsOfOneKindAreOneChoice(format: String, text: String) throws {
        let runs = try Self.runs(text, format)
        #expect(runs.count == 2 && runs.allSatisfy(\.conditioned), "\(runs)")
        // Tools of two kinds are steps in sequence: a web server, then the service's unit.
        let sequence = "# P\n\n## Configure Nginx\n\n```bash\nsudo cp app.nginx /etc/nginx/sites-enabled/app\n```\n\n## Enable the systemd unit\n\n```bash\nsudo systemctl enable --now app\n```\n"
        #expect(try Self.runs(sequence, "md").allSatisfy { !$0.conditioned })
    }

    static let commentAnnounced = [
        ("md", "# P\n\n## Node.js\n\n```shell\n### Just use one of these possibilities!\n# Using Ubuntu\ncurl -fsSL https://deb.example.org/setup.sh | sudo -E bash -\nsudo apt install -y nodejs\n\n# Using a RPM based distro\n## ... as root\ncurl -fsSL https://rpm.example.org/setup.sh | bash -\n\n## ... no root privileges\ncurl -fsSL https://rpm.example.org/setup.sh | sudo bash -\n```\n"),
        ("rst", "P\n=\n\nNode.js\n-------\n\n.. code-block:: shell\n\n    # Use one of these:\n    # As root\n    curl -fsSL https://rpm.example.org/setup.sh | bash -\n\n    # Without root\n    curl -fsSL https://rpm.example.org/setup.sh | sudo bash -\n"),
    ]

    /// A block whose first comment offers "one of these" is its own announcement: the groups under the later comments are one way each.
    @Test(arguments: commentAnnounced)
    func aBlocksFirstCommentThatOffersOneOfTheseMakesItsGroupsWays(format: String, text: String) throws {
        let runs = try Self.runs(text, format)
        #expect(runs.count == (format == "md" ? 3 : 2) && runs.allSatisfy(\.conditioned), "\(runs)")
    }

    static let alternativesSection = [
        ("md", "# Backups\n\n## Full backup\n\n```shell\ndocker exec -it app python manage.py full_backup /data/backup.zip\n```\n\n## Alternative backup methods\n\n### SQLite database backup\n\n```shell\ndocker exec -it app python manage.py backup_db /data/backup.sqlite3\n```\n\n### SQLite database SQL dump\n\n```shell\nsqlite3 db.sqlite3 .dump > backup.sql\n```\n"),
        ("rst", "Backups\n=======\n\nFull backup\n-----------\n\n.. code-block:: shell\n\n    app-backup --full /data/backup.zip\n\nAlternatives\n------------\n\n.. code-block:: shell\n\n    sqlite3 db.sqlite3 .dump > backup.sql\n"),
    ]

    /// A section titled as the alternatives to the one before it: that one, or one of the alternatives.
    @Test(arguments: alternativesSection)
    func aSectionTitledAlternativesOffersAChoiceWithTheOneBefore(format: String, text: String) throws {
        let runs = try Self.runs(text, format)
        #expect(runs.count == (format == "md" ? 3 : 2) && runs.allSatisfy(\.conditioned), "\(runs)")
    }

    /// "Upgrade a bare-metal server" beside "Upgrade … in Docker"; "Using pg_upgrade" beside "Using pg_dump and pg_restore".
    @Test func bareMetalAndDockerOrTwoUsingSectionsAreOneChoice() throws {
        let text = "# Upgrade PostgreSQL\n\n## Upgrade a bare-metal PostgreSQL server\n\n### Using pg_upgrade\n\n```bash\npg_upgrade -b /usr/lib/postgresql/13/bin -B /usr/lib/postgresql/16/bin\n```\n\n### Using pg_dump and pg_restore\n\n```bash\npg_dumpall > all.sql\npsql -f all.sql\n```\n\n## Upgrade PostgreSQL in Docker\n\n```bash\ndocker compose up -d postgres\n```\n"
        let runs = try Self.runs(text, "md")
        #expect(runs.count == 3 && runs.allSatisfy(\.conditioned), "\(runs)")
        let procedure = try #require(try ReadingPassExampleTests.read(text, format: "md", passes: Set(ReadingPass.allCases)))
        #expect(procedure.parameters.first { $0.name == "METHOD" }?.choices?.sorted() == ["bare-metal", "docker"], "\(procedure.parameters)")
    }

    static let orComment = [
        ("md", "# P\n\n## Import\n\n```bash\n# await startup for up to 5 minutes\nrabbitmqctl await_startup --timeout 300\n\n# import definitions using rabbitmqctl\nrabbitmqctl import_definitions /srv/defs.json\n\n# OR, import using rabbitmqadmin\n# Requires management plugin to be enabled\nrabbitmqadmin definitions import /srv/defs.json\n```\n"),
        ("rst", "P\n=\n\nImport\n------\n\n.. code-block:: bash\n\n    app wait-ready\n    # import with the CLI\n    app import defs.json\n    # Alternatively, with the HTTP API\n    curl -X POST --data @defs.json http://127.0.0.1:8080/api/import\n"),
    ]

    /// A comment starting "OR" (or "Alternatively") makes the lines under it another way to do what the lines before it do.
    @Test(arguments: orComment)
    func aCommentStartingOrGivesAnotherWay(format: String, text: String) throws {
        let procedure = try #require(try ReadingPassExampleTests.read(text, format: format, passes: Set(ReadingPass.allCases)))
        let commands = procedure.steps.flatMap(\.commands)
        #expect(commands.count == 3 && commands[0].condition == nil && commands[1].condition != nil && commands[2].condition != nil,
                "\(commands.map { ($0.text, $0.condition?.text) })")
        #expect(procedure.parameters.contains { $0.name == "WAY" })
    }

    static let youCanAlsoComment = [
        ("md", "# P\n\n## Set the domain\n\n```shell\n# usually your key is already there\ncat ~/.ssh/authorized_keys | sudo dokku ssh-keys:add admin\n\n# you can use any domain you already have\ndokku domains:set-global dokku.me\n\n# you can also use the ip of your server\ndokku domains:set-global 10.0.0.2\n\n# finally, you can use sslip.io to get subdomains\ndokku domains:set-global 10.0.0.2.sslip.io\n```\n"),
        ("rst", "P\n=\n\nSet the domain\n--------------\n\n.. code-block:: shell\n\n    cat ~/.ssh/authorized_keys | sudo dokku ssh-keys:add admin\n\n    # you can use any domain you already have\n    dokku domains:set-global dokku.me\n\n    # you can also use the ip of your server\n    dokku domains:set-global 10.0.0.2\n\n    # finally, you can use sslip.io to get subdomains\n    dokku domains:set-global 10.0.0.2.sslip.io\n"),
    ]

    /// "# you can also …" gives another way; a later "# … you can use …" before the same program and subcommand, one more.
    @Test(arguments: youCanAlsoComment)
    func aCommentSayingYouCanAlsoGivesAnotherWay(format: String, text: String) throws {
        let procedure = try #require(try ReadingPassExampleTests.read(text, format: format, passes: Set(ReadingPass.allCases)))
        let commands = procedure.steps.flatMap(\.commands)
        #expect(commands.count == 4 && commands[0].condition == nil && commands.dropFirst().allSatisfy { $0.condition != nil },
                "\(commands.map { ($0.text, $0.condition?.text) })")
    }

    static let orTheFollowing = [
        ("md", "# P\n\n## Back up\n\nRun the following command in a terminal:\n\n```bash\nphotoprism backup -i backup.sql\n```\n\nOr the following if you are using docker-compose:\n\n```bash\ndocker compose exec -T photoprism photoprism backup -i - > backup.sql\n```\n"),
        ("rst", "P\n=\n\nBack up\n-------\n\nRun the following command in a terminal::\n\n    photoprism backup -i backup.sql\n\nOr the following if you are using docker-compose::\n\n    docker compose exec -T photoprism photoprism backup -i - > backup.sql\n"),
    ]

    /// A sentence starting "Or" before a block: another way.
    @Test(arguments: orTheFollowing)
    func aSentenceStartingOrGivesAnotherWay(format: String, text: String) throws {
        let runs = try Self.runs(text, format)
        #expect(runs.count == 2 && runs.allSatisfy(\.conditioned), "\(runs)")
    }

    /// Two tabs for one platform ("Red Hat 7", "Red Hat 8 or later") are still two tabs: one choice, by tab.
    @Test func tabsOfOnePlatformStayAChoiceByTab() throws {
        let text = "# P\n\n## Install\n\n=== \"Install on Red Hat 7\"\n\n    ```bash\n    sudo percona-release enable-only pxc-80 release\n    ```\n\n=== \"Install on Red Hat 8 or later\"\n\n    ```bash\n    sudo percona-release setup pxc-80\n    ```\n"
        let procedure = try #require(try ReadingPassExampleTests.read(text, format: "md", passes: Set(ReadingPass.allCases)))
        #expect(procedure.steps.flatMap(\.commands).map { $0.condition?.text ?? "-" }.allSatisfy { $0.hasPrefix("TAB == ") })
    }

    static let defaultAndIntent = [
        ("md", "# P\n\n## Run it\n\nYou can then run it using the command:\n\n```\nnpm start\n```\n\nIf you want to pass any command-line arguments, you must use the following syntax:\n\n```\nnpm start -- --port 8080\n```\n"),
        ("rst", "P\n=\n\nRun it\n------\n\nYou can then run it using the command::\n\n    npm start\n\nIf you want to pass any command-line arguments, you must use the following syntax::\n\n    npm start -- --port 8080\n"),
    ]

    /// One "If you want to …" block that varies the unlabelled one before it: that one is the default of a choice.
    @Test(arguments: defaultAndIntent)
    func aBlockForWhatTheOperatorWantsVariesTheOneBefore(format: String, text: String) throws {
        let runs = try Self.runs(text, format)
        #expect(runs.count == 2 && runs.allSatisfy(\.conditioned), "\(runs)")
        // Another program after it: both run.
        let other = text.replacingOccurrences(of: "npm start -- --port 8080", with: "app-config set port 8080")
        #expect(try Self.runs(other, format).allSatisfy { !$0.conditioned })
    }

    static let withSections = [
        ("md", "# P\n\n## Install the dependencies\n\n### With the Debian osfamily\n\n```bash\napt install libdbi-perl\n```\n\n### With modules from CPAN\n\n```bash\nperl Build.PL\n./Build installdeps\n```\n"),
        ("rst", "P\n=\n\nInstall the dependencies\n========================\n\nWith the Debian osfamily\n------------------------\n\n.. code-block:: bash\n\n   apt install libdbi-perl\n\nWith modules from CPAN\n----------------------\n\n.. code-block:: bash\n\n   perl Build.PL\n   ./Build installdeps\n"),
    ]

    /// "With A" / "With B": two ways, by what follows "with".
    @Test(arguments: withSections)
    func siblingSectionsWithOneThingOrAnotherAreOneChoice(format: String, text: String) throws {
        let runs = try Self.runs(text, format)
        #expect(runs.count == 2 && runs.allSatisfy(\.conditioned), "\(runs)")
    }

    static let contrasts = [
        ("md", "# P\n\n## Create a new certificate and key\n\n```sh\nbash scripts/issue-certificate.sh -d chat.example.org -o certs\n```\n\n## Use a pre-existing certificate and key\n\n```sh\ncp /srv/cert.pem volumes/web/cert/cert.pem\n```\n\n## Deploy without using the included NGINX\n\n```sh\ndocker compose -f docker-compose.yml -f without-nginx.yml up -d\n```\n\n## Deploy using the included NGINX\n\n```sh\ndocker compose -f docker-compose.yml -f nginx.yml up -d\n```\n"),
        ("rst", "P\n=\n\nCreate a new certificate and key\n--------------------------------\n\n::\n\n    bash scripts/issue-certificate.sh -d chat.example.org -o certs\n\nUse a pre-existing certificate and key\n--------------------------------------\n\n::\n\n    cp /srv/cert.pem volumes/web/cert/cert.pem\n\nDeploy without using the included NGINX\n---------------------------------------\n\n::\n\n    docker compose -f docker-compose.yml -f without-nginx.yml up -d\n\nDeploy using the included NGINX\n-------------------------------\n\n::\n\n    docker compose -f docker-compose.yml -f nginx.yml up -d\n"),
    ]

    /// Sibling titles the same but for with/without or new/existing are one choice each.
    @Test(arguments: contrasts)
    func siblingTitlesTheSameButForAContrastAreAChoice(format: String, text: String) throws {
        let procedure = try #require(try ReadingPassExampleTests.read(text, format: format, passes: Set(ReadingPass.allCases)))
        #expect(procedure.steps.map { $0.condition?.text ?? "-" }
                == ["EXISTING == 'new'", "EXISTING == 'existing'", "WITH == 'without'", "WITH == 'with'"], "\(procedure.steps.map(\.condition))")
        // Two things, not one contrast: a sequence.
        let two = text.replacingOccurrences(of: "Use a pre-existing certificate and key", with: "Use a pre-existing database")
            .replacingOccurrences(of: "--------------------------------------\n\n::\n\n    cp", with: "---------------------------\n\n::\n\n    cp")
        let sequence = try #require(try ReadingPassExampleTests.read(two, format: format, passes: Set(ReadingPass.allCases)))
        #expect(sequence.steps.prefix(2).allSatisfy { $0.condition == nil })
        // Stopping the existing service and starting the new one is a sequence.
        let upgrade = "# P\n\n## Stop the existing service\n\n```sh\nsystemctl stop app\n```\n\n## Start the new service\n\n```sh\nsystemctl start app2\n```\n"
        let steps = try #require(try ReadingPassExampleTests.read(upgrade, format: "md", passes: Set(ReadingPass.allCases)))
        #expect(steps.steps.allSatisfy { $0.condition == nil })
    }

    /// "Mode 1: Fresh Install" / "Mode 2: Restore from Backup": numbered modes are options.
    @Test func numberedModesAreOneChoice() throws {
        let md = "# P\n\n## Operational modes\n\n### Mode 1: Fresh install\n\n```bash\ndocker run -d app/app\n```\n\n### Mode 2: Restore from backup\n\n```bash\ndocker run -d -e RESTORE=1 app/app\n```\n"
        let rst = "P\n=\n\nScenario A: one host\n--------------------\n\n.. code-block:: bash\n\n    app setup --single\n\nScenario B: a cluster\n---------------------\n\n.. code-block:: bash\n\n    app setup --cluster\n"
        for (text, format) in [(md, "md"), (rst, "rst")] {
            let runs = try Self.runs(text, format)
            #expect(runs.count == 2 && runs.allSatisfy(\.conditioned), "\(runs)")
        }
    }

    static let intents = [
        ("md", "# P\n\n## Choose the version\n\nIf you want to build the latest stable version, check out its branch:\n\n```\ngit branch -a\ngit checkout v1.0\n```\n\nIf you would validate a Pull Request, first enable its branch (`xyz` is its id)\n\n```\ngit fetch origin pull/xyz/head:pr-xyz\n```\n"),
        ("rst", "P\n=\n\nChoose the version\n------------------\n\nIf you want to use PostgreSQL::\n\n    sudo apt-get install -y postgresql\n\nIf you want to use MariaDB::\n\n    sudo apt-get install -y mariadb-server\n"),
    ]

    /// Two paragraphs in a step that each say what the operator wants the block for, before blocks of one program: one choice.
    @Test(arguments: intents)
    func blocksForWhatTheOperatorWantsAreOneChoice(format: String, text: String) throws {
        let runs = try Self.runs(text, format)
        #expect(runs.count == 2 && runs.allSatisfy(\.conditioned), "\(runs)")
        // One such paragraph alone chooses nothing.
        let one = "# P\n\n## Database\n\nIf you want to use PostgreSQL:\n\n```bash\nsudo apt-get install -y postgresql\n```\n"
        #expect(try Self.runs(one, "md").allSatisfy { !$0.conditioned })
    }

    static let sameImage = [
        ("md", "# P\n\n## Start\n\n```sh\ndocker run -d -p 3478:3478 -p 3478:3478/udp coturn/coturn\n```\n\nOr on the host's network:\n\n```sh\ndocker run -d --network=host coturn/coturn\n```\n\n```sh\ndocker run -d --network host -v /srv/my.conf:/etc/coturn/turnserver.conf coturn/coturn -c /etc/coturn/turnserver.conf\n```\n"),
        ("rst", "P\n=\n\nStart\n-----\n\n::\n\n    docker run -d -p 3478:3478 coturn/coturn\n\nOr on the host's network::\n\n    docker run --detach --network host coturn/coturn\n"),
    ]

    /// A second unnamed container of one image in the background is another way to start it; after a stop, or in the foreground, it runs.
    @Test(arguments: sameImage)
    func anotherUnnamedContainerOfOneImageInTheBackgroundIsShown(format: String, text: String) throws {
        #expect(try Self.runs(text, format).map(\.text) == [format == "md" ? "docker run -d -p 3478:3478 -p 3478:3478/udp coturn/coturn" : "docker run -d -p 3478:3478 coturn/coturn"])
        #expect(try Self.shown(text, format).count == (format == "md" ? 2 : 1))
        let stopped = "# P\n\n## Start\n\n```sh\ndocker run -d app/app\n```\n\n## Restart\n\n```sh\ndocker stop $(docker ps -q --filter ancestor=app/app)\ndocker run -d app/app\n```\n"
        #expect(try Self.runs(stopped, "md").count == 2 && Self.shown(stopped, "md").isEmpty)
        let foreground = "# P\n\n## Try it\n\n```sh\ndocker run --rm app/app --version\ndocker run --rm app/app check\n```\n"
        #expect(try Self.runs(foreground, "md").count == 1 && Self.shown(foreground, "md").isEmpty)
    }

    /// Two sections with different programs, or with no line in common, are steps in sequence.
    @Test func sectionsThatShareNothingOrDifferInProgramStayInSequence() throws {
        let backups = "# P\n\n## Back up the database\n\n```bash\nsystemctl stop app\npg_dump app > app.sql\n```\n\n## Back up the files\n\n```bash\nsystemctl stop app\ntar czf files.tgz /srv/app\n```\n"
        #expect(try Self.runs(backups, "md").allSatisfy { !$0.conditioned })
        let services = "# P\n\n## Restart the web service\n\n```bash\nsystemctl restart app-web\n```\n\n## Restart the worker service\n\n```bash\nsystemctl restart app-worker\n```\n"
        #expect(try Self.runs(services, "md").allSatisfy { !$0.conditioned })
    }

    static let otherSystems = [
        ("md", "# P\n\n## Watch it\n\nHere is a handy script that works on FreeBSD:\n\n```bash\npkg install tmux\ntmux new -s app -d\n```\n"),
        ("rst", "P\n=\n\nWatch it\n--------\n\nHere is a handy script that works on FreeBSD: ::\n\n    pkg install tmux\n    tmux new -s app -d\n"),
        ("md", "# P\n\n## Dependencies\n\n- **FreeBSD**:\n\n```bash\npkg install autoconf gmake\n```\n"),
        ("rst", "P\n=\n\nDependencies\n------------\n\n-  **FreeBSD**:\n\n.. code:: sh\n\n   pkg install autoconf gmake\n"),
        ("rst", "P\n=\n\nBuilding on Solaris and other Solaris-ish OSes\n----------------------------------------------\n\nInstall under /opt/local::\n\n    ./configure --prefix=/opt/local\n"),
    ]

    @Test(arguments: otherSystems)
    func aBlockASentenceGivesToAnotherSystemIsShownNeverRun(format: String, text: String) throws {
        let runs = try Self.runs(text, format)
        #expect(runs.isEmpty, "\(runs)")
    }

    /// A Linux platform's sentence, or another system named in passing, does not make a block another system's.
    @Test func aSentenceForLinuxOrThatMentionsAnotherSystemInPassingRuns() throws {
        let debian = "# P\n\n## Install\n\nOn Debian, run:\n\n```bash\napt-get install -y app\n```\n"
        #expect(try Self.runs(debian, "md").map(\.text) == ["apt-get install -y app"])
        let passing = "# P\n\n## Install\n\nUnlike FreeBSD users, run this to install it:\n\n```bash\napt-get install -y app\n```\n"
        #expect(try Self.runs(passing, "md").map(\.text) == ["apt-get install -y app"])
    }

    /// `zfs-x.y`, `app-X.Y.Z.tar.gz`: a version written as a placeholder is a
    /// parameter (bash would run the letters as written); `box.y` is not one.
    @Test func aVersionWrittenXYIsAParameter() throws {
        let doc = "# P\n\n## Enable\n\n```bash\nsudo dnf config-manager setopt zfs-x.y.enabled=1\ncurl -O https://example.org/app-X.Y.Z.tar.gz\ncp box.y /tmp\n```\n"
        let procedure = try #require(try ReadingPassExampleTests.read(doc, format: "md", passes: Set(ReadingPass.allCases)))
        #expect(procedure.parameters.map(\.placeholder) == ["x.y", "X.Y.Z"], "\(procedure.parameters)")
        #expect(procedure.parameters.map(\.name) == ["VERSION", "VERSION_2"])
    }
}
