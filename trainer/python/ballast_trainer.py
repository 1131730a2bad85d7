"""Ballast trainer side in Python: publish expert_load / train_step / checkpoint / job_topology and apply the latest
bias_update of a job. Uses only Debian's python3-confluent-kafka and python3-avro; speaks the Avro single-object
encoding of io.ballast.codec.AvroCodec (C3 01, CRC-64-AVRO of the Parsing Canonical Form, little endian, body)."""
import io
import json
import os
import struct
import sys
import time

import avro.io
import avro.schema

MAGIC = b"\xc3\x01"
_EMPTY = 0xC15D213AA4D7A795
_TABLE = []
for _i in range(256):
    _fp = _i
    for _ in range(8):
        _fp = (_fp >> 1) ^ (_EMPTY if _fp & 1 else 0)
    _TABLE.append(_fp)

BIAS_TOPIC = "ballast.actions.bias"
TOPICS = {"expert_load": "ballast.telemetry.moe", "train_step": "ballast.telemetry.train",
          "checkpoint": "ballast.telemetry.checkpoint", "job_topology": "ballast.telemetry.topology"}


def rabin_fingerprint(data):
    """CRC-64-AVRO (Rabin) fingerprint of bytes, as the Avro spec defines it (python3-avro 1.11 has none)."""
    fp = _EMPTY
    for b in data:
        fp = (fp >> 8) ^ _TABLE[(fp ^ b) & 0xFF]
    return fp


def _repo_root():
    return os.environ.get("BALLAST_REPO_ROOT") or os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))


class SingleObjectCodec:
    """Encodes with the current contract schemas; decodes anything written with a current or released one."""

    def __init__(self, schema_root=None):
        root = schema_root or os.path.join(_repo_root(), "schemas")
        self.current = {}
        self.writers = {}
        for folder, is_current in [(os.path.join(root, "src", "main", "avro"), True)] + [
                (os.path.join(root, "released", v), False) for v in sorted(os.listdir(os.path.join(root, "released")))]:
            for name in sorted(os.listdir(folder)):
                if not name.endswith(".avsc"):
                    continue
                type_name = name[:-len(".avsc")]
                with open(os.path.join(folder, name), encoding="utf-8") as f:
                    schema = avro.schema.parse(f.read())
                fp = rabin_fingerprint(schema.canonical_form.encode("utf-8"))
                if is_current:
                    self.current[type_name] = (schema, fp)
                self.writers[fp] = (type_name, schema)

    def encode(self, type_name, record):
        schema, fp = self.current[type_name]
        out = io.BytesIO()
        out.write(MAGIC)
        out.write(struct.pack("<Q", fp))
        avro.io.DatumWriter(schema).write(record, avro.io.BinaryEncoder(out))
        return out.getvalue()

    def decode(self, message):
        """Returns (type_name, record dict); raises ValueError naming the problem for anything else."""
        if len(message) < 10 or message[:2] != MAGIC:
            raise ValueError("not Avro single-object encoding (%d bytes, header %s)" % (len(message), message[:2].hex()))
        fp = struct.unpack("<Q", message[2:10])[0]
        if fp not in self.writers:
            raise ValueError("unknown schema fingerprint %016x" % fp)
        type_name, writer = self.writers[fp]
        reader = self.current[type_name][0]
        return type_name, avro.io.DatumReader(writer, reader).read(avro.io.BinaryDecoder(io.BytesIO(message[10:])))


class BiasBook:
    """Latest bias_update per layer of one job; idempotent by version (never goes backwards)."""

    def __init__(self, job, cluster=None):
        self.job, self.cluster, self.latest = job, cluster or "default", {}

    def offer(self, update):
        if update["job"] != self.job or (update.get("cluster") or "default") != self.cluster:
            return False
        known = self.latest.get(update["layer"])
        if known is not None and known["version"] >= update["version"]:
            return False
        self.latest[update["layer"]] = update
        return True

    def bias(self, layer):
        u = self.latest.get(layer)
        return None if u is None else list(u["bias"])

    def version(self, layer):
        u = self.latest.get(layer)
        return 0 if u is None else u["version"]


class BallastTrainer:
    """Kafka client of one training job. Call start() once: it reads the compacted bias topic from the beginning."""

    def __init__(self, bootstrap, job, cluster=None, clock=lambda: int(time.time() * 1000), codec=None):
        from confluent_kafka import Consumer, Producer
        self.job, self.cluster, self.clock = job, cluster, clock
        self.codec = codec or SingleObjectCodec()
        self.book = BiasBook(job, cluster)
        self.undecodable = 0
        self._errors = []
        self.producer = Producer({"bootstrap.servers": bootstrap, "acks": "all", "enable.idempotence": True,
                                  "linger.ms": 5})
        self.consumer = Consumer({"bootstrap.servers": bootstrap, "group.id": "ballast-trainer-" + job,
                                  "enable.auto.commit": False, "isolation.level": "read_committed",
                                  "auto.offset.reset": "earliest"})

    def start(self, timeout_s=30.0):
        from confluent_kafka import OFFSET_BEGINNING, TopicPartition
        meta = self.consumer.list_topics(BIAS_TOPIC, timeout=timeout_s)
        topic = meta.topics.get(BIAS_TOPIC)
        if topic is None or topic.error is not None or not topic.partitions:
            raise RuntimeError("topic %s does not exist (create the topics first)" % BIAS_TOPIC)
        parts = [TopicPartition(BIAS_TOPIC, p, OFFSET_BEGINNING) for p in sorted(topic.partitions)]
        self.consumer.assign(parts)
        ends = {p.partition: self.consumer.get_watermark_offsets(p, timeout=timeout_s)[1] for p in parts}
        deadline = time.monotonic() + timeout_s
        done = {p: ends[p] == 0 for p in ends}
        while not all(done.values()):
            if time.monotonic() > deadline:
                raise RuntimeError("did not read %s to its end within %.0f s" % (BIAS_TOPIC, timeout_s))
            for msg in self._consume(0.1):
                if msg.offset() + 1 >= ends[msg.partition()]:
                    done[msg.partition()] = True
            for p in list(done):
                if not done[p]:
                    pos = self.consumer.position([TopicPartition(BIAS_TOPIC, p)])[0].offset
                    done[p] = pos >= ends[p]

    def _consume(self, timeout_s):
        msgs = self.consumer.consume(num_messages=500, timeout=timeout_s)
        for msg in msgs:
            if msg.error() is not None:
                continue
            try:
                type_name, record = self.codec.decode(msg.value())
            except Exception as e:  # a bad record must not stop training
                self.undecodable += 1
                print("ballast_trainer: skipping undecodable record: %s" % e, file=sys.stderr)
                continue
            if type_name == "bias_update":
                self.book.offer(record)
        return msgs

    def poll(self, timeout_s=0.0):
        """Applies bias updates that arrived; returns the number of messages read."""
        return len(self._consume(timeout_s))

    def bias(self, layer):
        return self.book.bias(layer)

    def version(self, layer):
        return self.book.version(layer)

    def _send(self, type_name, record):
        record = dict(record, ts=self.clock(), cluster=self.cluster)

        def failed(err, _msg):
            if err is not None:
                self._errors.append(err)
        self.producer.produce(TOPICS[type_name], key=self.job.encode(), value=self.codec.encode(type_name, record),
                              on_delivery=failed)
        self.producer.poll(0)

    def publish_expert_load(self, step, layer, counts, rank=-1, ranks=1):
        self._send("expert_load", {"job": self.job, "step": step, "layer": layer, "rank": rank, "ranks": ranks,
                                   "counts": [int(c) for c in counts]})

    def publish_train_step(self, step, loss, grad_norm=None, lr=None, tokens=None, step_time_ms=None):
        self._send("train_step", {"job": self.job, "step": step, "loss": float(loss), "grad_norm": grad_norm,
                                  "lr": lr, "tokens": tokens, "step_time_ms": step_time_ms})

    def publish_checkpoint(self, step, uri, status="saved"):
        self._send("checkpoint", {"job": self.job, "step": step, "uri": uri, "status": status})

    def publish_topology(self, nodes, experts, bias_update_rate=None, expert_hosts=None):
        self._send("job_topology", {"job": self.job, "nodes": list(nodes), "experts": experts,
                                    "bias_update_rate": bias_update_rate, "expert_hosts": expert_hosts})

    def flush(self, timeout_s=30.0):
        self.producer.flush(timeout_s)
        if self._errors:
            raise RuntimeError("sending to Kafka failed: %s" % self._errors[0])

    def close(self):
        self.producer.flush(10)
        self.consumer.close()


def main(argv):
    """`encode TYPE JSON` prints the hex single-object encoding (shared test vectors with the Java codec)."""
    if len(argv) == 3 and argv[0] == "encode":
        print(SingleObjectCodec().encode(argv[1], json.loads(argv[2])).hex())
        return 0
    if len(argv) == 2 and argv[0] == "fingerprint":
        print("%016x" % rabin_fingerprint(argv[1].encode("utf-8")))
        return 0
    print("usage: ballast_trainer.py encode TYPE JSON | fingerprint TEXT", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
