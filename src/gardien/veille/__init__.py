"""The ransomware tripwire: watches the practice's folders for what encryption looks like, and raises the alarm.

- signals.py: what a file's first bytes say (a known format, text, or random-looking data), ransom-note names and
  known ransomware extensions;
- detector.py: a pure state machine fed with file events (and periodic canary checks) that decides when to alert;
- canary.py: the witness files Gardien places in the watched folders and checks by hash;
- watcher.py: the background loop (watchdog's OS file events + periodic canary checks);
- alert.py: what happens on alert (journal, notification, suspect process, network cut if chosen beforehand);
- service.py: the user-level service that starts the watcher at logon (systemd, launchd, Task Scheduler).
"""
