import java.sql.DriverManager;

/** Runs SQL statements against Kizuna's database for the benchmark's dataset (java -cp postgresql.jar Sql.java URL USER PASSWORD SQL...). */
public class Sql {
    public static void main(String[] args) throws Exception {
        try (var c = DriverManager.getConnection(args[0], args[1], args[2]); var s = c.createStatement()) {
            for (int i = 3; i < args.length; i++) {
                if (s.execute(args[i])) {
                    var rs = s.getResultSet();
                    while (rs.next()) System.out.println(rs.getString(1));
                } else {
                    System.out.println(s.getUpdateCount());
                }
            }
        }
    }
}
