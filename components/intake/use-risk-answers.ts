"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { MAX_RISK_ANSWERS_PER_REQUEST } from "@/lib/intake/schema";

/**
 * Sends each answer to a risk item to the server the moment it is given, without waiting for
 * the autosave: so a "Several days" changed back within a second, a closed tab or a lost
 * signal still leaves a record (and the clinician is told of a positive answer at once).
 *
 * - Every request uses `keepalive`, so one already on its way survives the page closing.
 * - A failed request is retried with growing pauses, and again when the browser is back online.
 * - Until the server has confirmed them, answers are kept in this browser's localStorage
 *   (under this intake's id only, removed once confirmed) and sent again when she comes back:
 *   the one case nothing else covers is the signal lost *and* the tab closed.
 * - When the page is hidden (tab closed, app switched), whatever is still waiting is sent one
 *   last time with `navigator.sendBeacon` (or keepalive fetch).
 * Each answer carries its own key, so the server records it once however often it arrives.
 */

export type RiskAnswerInput = { measure: "phq9" | "gad7" | "epds"; item: number; answer: number };
type Pending = RiskAnswerInput & { key: string; answeredAt: number };

const ENDPOINT = "/api/intake/risk-answers";
const RETRY_DELAYS_MS = [1000, 3000, 10_000, 30_000, 60_000];

const storageKey = (intakeId: string) => `haven.risk-answers.${intakeId}`;

function newKey(): string {
  if (typeof crypto !== "undefined" && typeof crypto.randomUUID === "function") return crypto.randomUUID();
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`;
}

function load(intakeId: string): Pending[] {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(storageKey(intakeId)) ?? "[]");
    return Array.isArray(parsed) ? (parsed as Pending[]) : [];
  } catch {
    return [];
  }
}

function store(intakeId: string, queue: Pending[]) {
  try {
    if (queue.length > 0) localStorage.setItem(storageKey(intakeId), JSON.stringify(queue));
    else localStorage.removeItem(storageKey(intakeId));
  } catch {
    // Private browsing or storage full: the in-memory queue and its retries still work.
  }
}

/** Answers that a retry cannot change: a malformed request, another intake, one already submitted. */
const GIVE_UP = new Set([400, 403, 404, 409, 413]);

/** The queue of one intake's unconfirmed risk answers, and its sending. Plain code: React only shows `notified`. */
class RiskAnswerQueue {
  private queue: Pending[];
  private inFlight = false;
  private attempt = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private stopped = false;

  constructor(
    private readonly intakeId: string,
    private readonly onNotified: () => void,
  ) {
    // Answers a previous visit could not deliver.
    this.queue = load(intakeId);
  }

  add(answer: RiskAnswerInput) {
    this.queue.push({ ...answer, key: newKey(), answeredAt: Date.now() });
    store(this.intakeId, this.queue);
    this.attempt = 0;
    void this.flush();
  }

  online() {
    this.attempt = 0;
    void this.flush();
  }

  stop() {
    this.stopped = true;
    clearTimeout(this.retryTimer);
  }

  private settle(sent: Pending[]) {
    const keys = new Set(sent.map((p) => p.key));
    this.queue = this.queue.filter((p) => !keys.has(p.key));
    store(this.intakeId, this.queue);
  }

  async flush(): Promise<void> {
    if (this.stopped || this.inFlight || this.queue.length === 0) return;
    clearTimeout(this.retryTimer);
    this.inFlight = true;
    const batch = this.queue.slice(0, MAX_RISK_ANSWERS_PER_REQUEST);
    let retry = false;
    try {
      const response = await fetch(ENDPOINT, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ intakeId: this.intakeId, source: "answer", answers: batch }),
        credentials: "same-origin",
        keepalive: true,
      });
      if (response.ok) {
        const body = (await response.json().catch(() => ({}))) as { notified?: boolean };
        if (body.notified) this.onNotified();
        this.settle(batch);
        this.attempt = 0;
      } else if (GIVE_UP.has(response.status)) {
        this.settle(batch);
      } else if (response.status !== 401) {
        // (Signed out, 401: they stay stored for when she signs in again; retrying now cannot help.)
        retry = true;
      }
    } catch {
      retry = true;
    } finally {
      this.inFlight = false;
    }
    if (retry) {
      const delay = RETRY_DELAYS_MS[Math.min(this.attempt, RETRY_DELAYS_MS.length - 1)]!;
      this.attempt += 1;
      if (!this.stopped) this.retryTimer = setTimeout(() => void this.flush(), delay);
    } else if (this.queue.length > 0 && !retry) {
      await this.flush();
    }
  }

  /** The last chance, as the page goes away (or to the background, where a phone may end it). */
  lastChance() {
    if (this.queue.length === 0) return;
    const body = JSON.stringify({
      intakeId: this.intakeId,
      source: "page-hide",
      answers: this.queue.slice(0, MAX_RISK_ANSWERS_PER_REQUEST),
    });
    // text/plain: a type sendBeacon sends anywhere without a preflight; the server reads the text as JSON.
    const blob = new Blob([body], { type: "text/plain;charset=UTF-8" });
    if (!(typeof navigator.sendBeacon === "function" && navigator.sendBeacon(ENDPOINT, blob))) {
      void fetch(ENDPOINT, { method: "POST", headers: { "Content-Type": "application/json" }, body, keepalive: true }).catch(() => {});
    }
  }
}

export function useRiskAnswers(intakeId: string, initiallyNotified: boolean) {
  const [notified, setNotified] = useState(initiallyNotified);
  const queue = useRef<RiskAnswerQueue | null>(null);

  useEffect(() => {
    const current = new RiskAnswerQueue(intakeId, () => setNotified(true));
    queue.current = current;
    void current.flush();
    const online = () => current.online();
    const hidden = () => {
      if (document.visibilityState === "hidden") current.lastChance();
    };
    const pageHide = () => current.lastChance();
    window.addEventListener("online", online);
    document.addEventListener("visibilitychange", hidden);
    window.addEventListener("pagehide", pageHide);
    return () => {
      window.removeEventListener("online", online);
      document.removeEventListener("visibilitychange", hidden);
      window.removeEventListener("pagehide", pageHide);
      current.stop();
      queue.current = null;
    };
  }, [intakeId]);

  const send = useCallback((answer: RiskAnswerInput) => queue.current?.add(answer), []);
  return { send, notified };
}
