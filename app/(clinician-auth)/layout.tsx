export default function ClinicianAuthLayout({ children }: { children: React.ReactNode }) {
  return (
    <main id="main" tabIndex={-1} className="container narrow section">
      {children}
    </main>
  );
}
