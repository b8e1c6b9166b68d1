# Reads the preload's records (probe/RecordFormat.h): how many thread sites
# were defined, and how many threads (C lines) each one created, in order.
$1 == "S" && $3 == "thread" { order[++sites] = $2; created[$2] = 0 }
$1 == "C" && ($2 in created) { ++created[$2]; ++records }
END {
  print "thread sites " sites
  line = "threads per site"
  for (i = 1; i <= sites; ++i)
    line = line " " created[order[i]]
  print line
  print "records " records
}
