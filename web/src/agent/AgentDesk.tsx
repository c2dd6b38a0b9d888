// Placeholder: filled in by the agent screens.
export default function AgentDesk() {
  return <p class="empty">AgentDesk</p>;
}
