"""Train a small classifier on Fashion-MNIST with numpy only and print its test accuracy.

Runs inside a Shale lease next to the provider's copy of the dataset:
    python3 train.py [/data/fashion-mnist]
Softmax regression on raw pixels by mini-batch gradient descent; a few
epochs take seconds on one core and reach about 80% accuracy.
"""
import gzip
import os
import sys

import numpy as np


def load(directory, kind):
    with gzip.open(os.path.join(directory, f"{kind}-images-idx3-ubyte.gz"), "rb") as f:
        images = np.frombuffer(f.read(), dtype=np.uint8, offset=16)
    with gzip.open(os.path.join(directory, f"{kind}-labels-idx1-ubyte.gz"), "rb") as f:
        labels = np.frombuffer(f.read(), dtype=np.uint8, offset=8)
    return images.reshape(len(labels), 28 * 28).astype(np.float32) / 255.0, labels


def main():
    data = sys.argv[1] if len(sys.argv) > 1 else "/data/fashion-mnist"
    epochs = int(os.environ.get("EPOCHS", "3"))
    x_train, y_train = load(data, "train")
    x_test, y_test = load(data, "t10k")
    print(f"loaded {len(y_train)} training and {len(y_test)} test images from {data}", flush=True)

    rng = np.random.default_rng(0)
    w = np.zeros((28 * 28, 10), dtype=np.float32)
    b = np.zeros(10, dtype=np.float32)
    onehot = np.eye(10, dtype=np.float32)
    lr, batch = 0.5, 128
    for epoch in range(epochs):
        order = rng.permutation(len(y_train))
        for start in range(0, len(order), batch):
            idx = order[start:start + batch]
            logits = x_train[idx] @ w + b
            logits -= logits.max(axis=1, keepdims=True)
            p = np.exp(logits)
            p /= p.sum(axis=1, keepdims=True)
            grad = (p - onehot[y_train[idx]]) / len(idx)
            w -= lr * (x_train[idx].T @ grad)
            b -= lr * grad.sum(axis=0)
        train_acc = ((x_train @ w + b).argmax(axis=1) == y_train).mean()
        print(f"epoch {epoch + 1}/{epochs}: train accuracy {train_acc * 100:.2f}%", flush=True)
    test_acc = ((x_test @ w + b).argmax(axis=1) == y_test).mean()
    print(f"test accuracy: {test_acc * 100:.2f}%")


if __name__ == "__main__":
    main()
