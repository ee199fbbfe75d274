# synth.sh - sourced by the tests of plan, compare and plot: writes
# synthetic result profiles (fsconc-profile/1) whose throughput follows a
# known Universal Scalability Law, with seeded noise.
#
# synth_profile FILE [KEY=VALUE]...
#   gamma alpha beta   the law (bytes/s, contention, coherency)
#   levels             comma list of jobs (default 1,2,4,8,12,16,24,32)
#   rounds             rounds per trial (5)
#   noise              relative sd of each round (0.02)
#   seed               of the noise (1)
#   scale              factor on every throughput (1), for compare
#   dir engine         the target and engine (/data, threads)
#   pwrite             also a pwrite trial at gamma (yes)
#   host kernel fstype device   the fingerprint (box, 6.1.0, ext4, sda)
#   latency            factor on the write latency Little's law predicts
#                      (1: consistent)
synth_profile() {
	_sp_file=$1; shift
	awk -v args="$*" '
	function gauss(   s, i) { s = 0; for (i = 0; i < 12; i++) s += rand(); return s - 6 }
	function usl(n) { return gamma * n / (1 + alpha * (n - 1) + beta * n * (n - 1)) }
	function trial(engine, jobs, first,   r, bps, depth, lat) {
		printf "%s    {\"set\": 0, \"targets\": [\"%s\"], \"split\": false, \"engine\": \"%s\", \"jobs\": %d, \"iodepth\": 1, \"rounds\": [", first ? "" : ",\n", dir, engine, jobs
		for (r = 0; r < rounds; r++) {
			bps = usl(jobs) * scale * (1 + noise * gauss())
			depth = jobs * 0.97
			lat = depth / (bps / block) * 1e9 * latency
			printf "%s\n      {\"bytes\": %d, \"elapsed_ns\": %d, \"bytes_per_sec\": %.6f, \"cpu_user_ns\": 1000, \"cpu_sys_ns\": 1000, \"submit_share\": 0.9, \"achieved_depth\": %.6f, \"latency_ns\": {\"p50\": %d, \"p90\": %d, \"p99\": %d, \"p999\": %d, \"max\": %d, \"mean\": %d}, \"files\": []}", r ? "," : "", files * size, files * size / bps * 1e9, bps, depth, lat * 0.9, lat * 1.5, lat * 3, lat * 4, lat * 5, lat
		}
		printf "],\n     \"summary\": {\"bytes_per_sec\": {\"min\": 0, \"median\": 0, \"max\": 0, \"mean\": 0, \"stddev\": 0, \"iqr\": 0}, \"file_bytes_per_sec\": {\"min\": 0, \"median\": 0, \"max\": 0}, \"speedup\": null}}"
	}
	BEGIN {
		gamma = 1e9; alpha = 0.1; beta = 0.005; levels = "1,2,4,8,12,16,24,32"
		rounds = 5; noise = 0.02; seed = 1; scale = 1; dir = "/data"
		engine = "threads"; pwrite = "yes"; host = "box"; kernel = "6.1.0"
		fstype = "ext4"; device = "sda"; latency = 1
		n = split(args, kv, " ")
		for (i = 1; i <= n; i++) {
			k = kv[i]; sub(/=.*/, "", k); v = kv[i]; sub(/^[^=]*=/, "", v)
			if (k == "gamma") gamma = v + 0; else if (k == "alpha") alpha = v + 0
			else if (k == "beta") beta = v + 0; else if (k == "levels") levels = v
			else if (k == "rounds") rounds = v + 0; else if (k == "noise") noise = v + 0
			else if (k == "seed") seed = v + 0; else if (k == "scale") scale = v + 0
			else if (k == "dir") dir = v; else if (k == "engine") engine = v
			else if (k == "pwrite") pwrite = v; else if (k == "host") host = v
			else if (k == "kernel") kernel = v; else if (k == "fstype") fstype = v
			else if (k == "device") device = v; else if (k == "latency") latency = v + 0
			else { print "synth_profile: unknown key " k > "/dev/stderr"; exit 2 }
		}
		srand(seed); files = 32; size = 4194304; block = 1048576
		nl = split(levels, lv, ",")
		printf "{\n  \"schema\": \"fsconc-profile/1\", \"fsconc_version\": \"0.1.0\", \"created\": \"2026-01-01T00:00:00Z\",\n"
		printf "  \"host\": {\"hostname\": \"%s\", \"kernel\": \"%s\", \"cpu_model\": \"CPU\", \"cores\": 2, \"pus\": 2, \"numa_nodes\": 1, \"memory_bytes\": 1073741824},\n", host, kernel
		printf "  \"workload\": {\"files\": %d, \"file_size\": %d, \"block_size\": %d, \"mode\": \"create\", \"fsync\": \"none\", \"direct\": false, \"iodepth\": 4, \"rounds\": %d, \"warmup\": 0},\n", files, size, block, rounds
		printf "  \"targets\": [{\"path\": \"%s\", \"fstype\": \"%s\", \"mount_point\": \"%s\", \"mount_source\": \"/dev/%s\", \"device\": \"%s\", \"rotational\": false, \"free_bytes\": 1000000000}],\n", dir, fstype, dir, device, device
		printf "  \"results\": [\n"
		first = 1
		if (pwrite == "yes") { trial("pwrite", 1, 1); first = 0 }
		for (i = 1; i <= nl; i++) { trial(engine, lv[i] + 0, first); first = 0 }
		printf "\n  ],\n  \"models\": []\n}\n"
	}' </dev/null >"$_sp_file"
}
