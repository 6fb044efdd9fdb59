# The alert outputs' handling of wire strings (JSON and syslog).
nj_fuzz_target(alert_format LIBS nj_sensor PkgConfig::JANSSON)
