#!/bin/sh
# Registers ocrbatch's custom search attributes (what the Temporal UI filters jobs by). Creating one
# that exists fails, so each is created only when the list lacks it: the script can run again.
set -eu
list() { temporal operator search-attribute list --address "$TEMPORAL_ADDRESS" --namespace "$TEMPORAL_NAMESPACE"; }
for pair in OcrJobKey:Keyword OcrJobType:Keyword OcrJobStatus:Keyword OcrVolumeId:Keyword \
            OcrVolumesDone:Int OcrVolumesFailed:Int OcrVolumesTotal:Int OcrPagesDone:Int; do
  name=${pair%%:*}
  type=${pair#*:}
  if list | grep -qw "$name"; then
    echo "search attribute $name exists"
  else
    temporal operator search-attribute create --address "$TEMPORAL_ADDRESS" \
      --namespace "$TEMPORAL_NAMESPACE" --name "$name" --type "$type"
    echo "search attribute $name ($type) created"
  fi
done
