# The commendation registry (decisions, recipients) is built in issue #3.
