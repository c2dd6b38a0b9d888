// Call recordings as the server describes them (api/openapi.yaml: Recording,
// RecordingPolicy; docs/recordings.md) and an agent's SIP phone
// (GET /api/users/{id}/sip, docs/telephony.md).

export interface Recording {
  id: number;
  tenant_id: number;
  call_id: number;
  queue_id: number;
  agent_id: number;
  started_at: string;
  ended_at: string | null; // null while the call is still recorded
  duration_seconds: number;
  pauses: number;
  paused_seconds: number;
  repaired: boolean;
  deleted: boolean;
  deleted_at: string | null;
  deleted_reason: 'retention' | 'missing' | string | null;
  audio: string | null; // null when deleted or still being written
}

export interface RecordingPolicy {
  queue_id: number;
  record: boolean;
  retention_days: number;
}

export interface SipContact {
  contact: string;
  expires_at: string;
  source: string;
}

export interface SipPhone {
  sip_user: string;
  configured: boolean;
  registered: boolean;
  contacts: SipContact[];
}

// POST /api/agent/recording
export interface RecordingPause {
  paused: boolean;
  recording_id: number;
  call_id: number;
}
