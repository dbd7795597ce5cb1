import { ScreenHeader } from '../../components/ScreenHeader';
import { StationPinForm } from '../../lockdown/StationPinForm';

/**
 * Where the staff who may unlock an exam station (proctors and admins) set
 * their PIN. The verifier syncs to stations, which check it offline.
 */
export function StationPinScreen() {
  return (
    <>
      <ScreenHeader title="Station PIN">
        <p>
          Exam stations ask for this PIN before they let a candidate leave or grant extra time. It works on stations
          without network once they have synced after you set it.
        </p>
      </ScreenHeader>
      <StationPinForm />
    </>
  );
}
