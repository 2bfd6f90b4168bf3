#!/usr/bin/env bash
# A fleet on this machine, for the Ansible end-to-end test: a real OpenSSH
# server on a loopback port with key authentication only, and COUNT local
# users rbfleet1..COUNT, each with its own instance of the notes service
# (make-instance.sh). Needs root (useradd, sshd) and openssh-server.
#   fleet.sh up DIR SSH_PORT SERVICE_PORT COUNT [DUPLICATES_ON]
#       (re)makes the instances, starts sshd, writes DIR/id_ed25519
#   fleet.sh reset DIR SERVICE_PORT COUNT [DUPLICATES_ON]
#       makes the instances again (sshd keeps running)
#   fleet.sh fingerprint I      one instance's world (fingerprint.sh as rbfleetI)
#   fleet.sh squat DIR PORT     starts a process that takes PORT as soon as it
#       is free and holds it without speaking HTTP (a port taken during downtime)
#   fleet.sh cut DIR PORT USER  starts a second sshd on PORT and, in the
#       background, waits for USER's app-release.sh to run (not to be copied), then takes that sshd
#       and USER's SSH sessions down: a host lost in the middle of its run
#   fleet.sh down DIR           stops sshd, the squatter and every instance's service
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# sshd and the services outlive this script: they must not hold what its
# caller waits on (a test runner's descriptors), only 0, 1 and 2.
for fd in "/proc/$$/fd"/*; do
  fd=${fd##*/}
  [[ $fd -le 2 ]] || exec {fd}>&- 2>/dev/null || true
done

instances() {
  local service_port=$1 count=$2 duplicates_on=${3:-0} i user
  for ((i = 1; i <= count; i++)); do
    user=rbfleet$i
    if ! id -u "$user" >/dev/null 2>&1; then
      useradd --create-home --shell /bin/bash "$user"
      # Not locked (sshd refuses a locked account), and no password to log in with.
      usermod -p '*' "$user"
    fi
    install -m 0755 "$here/make-instance.sh" "$here/fingerprint.sh" "/home/$user/"
    local data=''
    [[ $i -ne $duplicates_on ]] || data=duplicates
    # shellcheck disable=SC2016 # $1 and $2 are the inner shell's arguments
    runuser -u "$user" -- bash -c 'cd && ./make-instance.sh "$1" "$2"' _ "$((service_port + i))" "$data" >/dev/null
  done
}

case $1 in
  up)
    dir=$2 ssh_port=$3 service_port=$4 count=$5
    mkdir -p "$dir/keys" /run/sshd
    [[ -f $dir/id_ed25519 ]] || ssh-keygen -q -t ed25519 -N '' -C runbook-fleet -f "$dir/id_ed25519"
    [[ -f $dir/host_key ]] || ssh-keygen -q -t ed25519 -N '' -f "$dir/host_key"
    # One key for the test's controller, for every user (root included, for become).
    for user in root $(seq -f 'rbfleet%g' 1 "$count"); do install -m 0644 "$dir/id_ed25519.pub" "$dir/keys/$user"; done
    instances "$service_port" "$count" "${6:-0}"
    cat >"$dir/sshd_config" <<CONFIG
Port $ssh_port
ListenAddress 127.0.0.1
HostKey $dir/host_key
PidFile $dir/sshd.pid
AuthorizedKeysFile $dir/keys/%u
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitRootLogin prohibit-password
StrictModes no
UsePAM no
Subsystem sftp /usr/lib/openssh/sftp-server
CONFIG
    chmod -R go-w "$dir"
    [[ ! -f $dir/sshd.pid ]] || kill "$(cat "$dir/sshd.pid")" 2>/dev/null || true
    /usr/sbin/sshd -f "$dir/sshd_config" -E "$dir/sshd.log"
    ;;
  reset) instances "$3" "$4" "${5:-0}" ;;
  fingerprint) runuser -u "rbfleet$2" -- bash -c 'cd && ./fingerprint.sh' ;;
  squat)
    dir=$2 port=$3
    setsid python3 -c '
import socket, sys, time
while True:
    s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        s.bind(("127.0.0.1", int(sys.argv[1]))); s.listen(1); break
    except OSError:
        s.close(); time.sleep(0.02)
open(sys.argv[2], "w").close()
time.sleep(3600)
' "$port" "$dir/squatting" </dev/null >/dev/null 2>&1 &
    echo $! >"$dir/squatter.pid" ;;
  unsquat) [[ ! -f $2/squatter.pid ]] || kill "$(cat "$2/squatter.pid")" 2>/dev/null || true ;;
  cut)
    dir=$2 port=$3 user=$4
    sed -e "s/^Port .*/Port $port/" -e "s|^PidFile .*|PidFile $dir/sshd-cut.pid|" "$dir/sshd_config" >"$dir/sshd-cut_config"
    /usr/sbin/sshd -f "$dir/sshd-cut_config" -E "$dir/sshd-cut.log"
    # shellcheck disable=SC2016 # $1 and $2 are the inner shell's arguments
    setsid bash -c '
      pids=''
      for ((i = 0; i < 1200; i++)); do
        # The run itself (--report is on its command line only): not the copy
        # of the script, whose file name other processes show too.
        pids=$(pgrep -u "$2" -f "app-release[.]sh --report") && break
        sleep 0.05
      done
      # Held while the connection goes, so that it goes during the run, however
      # loaded the machine: then it goes on, with no one left to report to.
      kill -STOP $pids 2>/dev/null || true
      kill "$(cat "$1/sshd-cut.pid")"
      pkill -u "$2" -f "^sshd" || true
      sleep 1
      kill -CONT $pids 2>/dev/null || true
      touch "$1/cut"
    ' _ "$dir" "$user" </dev/null >/dev/null 2>&1 & ;;
  down)
    dir=$2
    [[ ! -f $dir/sshd-cut.pid ]] || kill "$(cat "$dir/sshd-cut.pid")" 2>/dev/null || true
    [[ ! -f $dir/squatter.pid ]] || kill "$(cat "$dir/squatter.pid")" 2>/dev/null || true
    [[ ! -f $dir/sshd.pid ]] || kill "$(cat "$dir/sshd.pid")" 2>/dev/null || true
    for home in /home/rbfleet*; do
      [[ -x $home/app/bin/service ]] || continue
      runuser -u "${home##*/}" -- "$home/app/bin/service" stop || true
    done ;;
esac
