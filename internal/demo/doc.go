// Package demo lives through a generated year of tickets as the platform
// would: each day's export lands in an inbox and the nightly job runs, the
// weekly job after each Sunday, the monthly job after each month's end. It
// then scores the clusters against the issue types the generator planted.
// leian demo parses its flags and prints the result; the work is here,
// beside the jobs it drives.
//
// It leaves out anything a real deployment needs (scheduling, a real
// export): it exists to show the system end to end with no setup.
package demo
