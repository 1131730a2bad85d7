"""A tiny MoE language model (CPU, python3-torch) with sigmoid gating and a selection-only router bias as in
DeepSeek-V3: the bias shifts which experts are chosen, never the gate weights. With --mode ballast the bias comes
only from Ballast's bias_update topic; with --mode none it stays 0. Prints one JSON object with per-step MaxVio."""
import argparse
import json
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

VOCAB, DIM, HIDDEN, EXPERTS, TOP_K, LAYERS, SEQ, BATCH = 96, 32, 48, 8, 2, 2, 32, 16


class MoeLayer(nn.Module):
    def __init__(self):
        super().__init__()
        self.router = nn.Linear(DIM, EXPERTS, bias=False)
        self.w1 = nn.Parameter(torch.randn(EXPERTS, DIM, HIDDEN) * DIM ** -0.5)
        self.w2 = nn.Parameter(torch.randn(EXPERTS, HIDDEN, DIM) * HIDDEN ** -0.5)
        self.register_buffer("bias", torch.zeros(EXPERTS))

    def forward(self, x):
        tokens = x.reshape(-1, DIM)
        scores = torch.sigmoid(self.router(tokens))
        # DeepSeek-V3: the bias only decides the top-k; gate weights are the unbiased scores, normalised.
        chosen = torch.topk(scores + self.bias, TOP_K, dim=-1).indices
        gates = scores.gather(-1, chosen)
        gates = gates / gates.sum(-1, keepdim=True)
        out = torch.zeros_like(tokens)
        for e in range(EXPERTS):
            rows, slot = (chosen == e).nonzero(as_tuple=True)
            if rows.numel():
                h = F.gelu(tokens[rows] @ self.w1[e]) @ self.w2[e]
                out.index_add_(0, rows, h * gates[rows, slot].unsqueeze(-1))
        counts = torch.bincount(chosen.reshape(-1), minlength=EXPERTS)
        return x + out.reshape(x.shape), counts


class TinyMoeLm(nn.Module):
    def __init__(self):
        super().__init__()
        self.embed = nn.Embedding(VOCAB, DIM)
        self.norms = nn.ModuleList(nn.LayerNorm(DIM) for _ in range(LAYERS))
        self.moe = nn.ModuleList(MoeLayer() for _ in range(LAYERS))
        self.head = nn.Linear(DIM, VOCAB)

    def forward(self, ids):
        x = self.embed(ids)
        counts = []
        for norm, moe in zip(self.norms, self.moe):
            x, c = moe(norm(x))
            counts.append(c)
        return self.head(x), counts


def corpus(generator):
    """A Zipf-skewed bigram language: frequent tokens dominate, as in real text, so routing starts out skewed."""
    ranks = torch.arange(1, VOCAB + 1, dtype=torch.float)
    unigram = 1.0 / ranks
    transition = torch.softmax(torch.randn(VOCAB, VOCAB, generator=generator) * 2.0, -1) * unigram
    transition = transition / transition.sum(-1, keepdim=True)

    def batch():
        ids = torch.multinomial(unigram / unigram.sum(), BATCH, replacement=True, generator=generator).unsqueeze(1)
        for _ in range(SEQ):
            ids = torch.cat([ids, torch.multinomial(transition[ids[:, -1]], 1, generator=generator)], 1)
        return ids
    return batch


def max_vio(counts):
    mean = counts.float().mean()
    return 0.0 if mean == 0 else float((counts.max() - mean) / mean)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--mode", choices=["none", "ballast"], required=True)
    p.add_argument("--steps", type=int, default=300)
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--bootstrap")
    p.add_argument("--job", default="tiny-moe")
    p.add_argument("--update-rate", type=float, default=0.01)
    p.add_argument("--max-lag", type=int, default=4, help="steps the applied bias may trail the current step")
    p.add_argument("--lag-timeout", type=float, default=20.0)
    p.add_argument("--t0-ms", type=int, default=1_795_486_326_000)
    args = p.parse_args()
    torch.manual_seed(args.seed)
    torch.set_num_threads(1)
    generator = torch.Generator().manual_seed(args.seed)
    model, batch = TinyMoeLm(), corpus(generator)
    opt = torch.optim.Adam(model.parameters(), lr=3e-3)

    client = None
    step_ms = [args.t0_ms]
    if args.mode == "ballast":
        from ballast_trainer import BallastTrainer
        client = BallastTrainer(args.bootstrap, args.job, clock=lambda: step_ms[0])
        client.start()
        hosts = ["node-%d/%d" % (e // 4, e % 4) for e in range(EXPERTS)]
        client.publish_topology(["node-0", "node-1"], EXPERTS, args.update_rate, hosts)
        client.flush()

    vios, losses, versions, waited = [], [], [], 0.0
    for step in range(1, args.steps + 1):
        step_ms[0] = args.t0_ms + step * 1000
        if client is not None:
            client.poll(0)
            start = time.monotonic()
            while min(client.version(l) for l in range(LAYERS)) < step - args.max_lag and step > args.max_lag:
                if time.monotonic() - start > args.lag_timeout:
                    raise SystemExit("no bias_update for step %d within %.0f s" % (step - args.max_lag, args.lag_timeout))
                client.poll(0.05)
            waited += time.monotonic() - start
            for l, moe in enumerate(model.moe):
                b = client.bias(l)
                if b is not None:
                    moe.bias.copy_(torch.tensor(b))
        ids = batch()
        logits, counts = model(ids[:, :-1])
        loss = F.cross_entropy(logits.reshape(-1, VOCAB), ids[:, 1:].reshape(-1))
        opt.zero_grad()
        loss.backward()
        opt.step()
        vios.append(sum(max_vio(c) for c in counts) / LAYERS)
        losses.append(float(loss))
        if client is not None:
            for l, c in enumerate(counts):
                client.publish_expert_load(step, l, c.tolist())
            client.publish_train_step(step, float(loss), tokens=BATCH * SEQ)
            client.flush()
            versions.append(min(client.version(l) for l in range(LAYERS)))
    if client is not None:
        client.publish_checkpoint(args.steps, "file:///tmp/%s-%d.pt" % (args.job, args.steps))
        client.close()
    json.dump({"mode": args.mode, "max_vio": vios, "loss": losses, "bias_versions": versions,
               "seconds_waiting_for_bias": waited}, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
