// The test classes start clusters with short liveness timeouts and kill silos on purpose: run them one at a
// time, so one test's load (2 CPUs on CI) cannot make another's healthy silo look dead.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
